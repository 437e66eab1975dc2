package seed

import (
	"fmt"
	"strings"
	"time"

	"github.com/sswalliance/advocacy/internal/auth"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/subscribe"
	"github.com/sswalliance/advocacy/internal/web"
)

// PolicyPage is one of the pages in which the site speaks about itself:
// the privacy notice, the accessibility statement and the about page. Each
// text is keyed by language; Body is Markdown (no raw HTML), rendered under
// the page's own heading, so its sections start at level 2.
type PolicyPage struct {
	Path                     string // the English path, as i18n.Lang.Path takes it
	Title, Description, Body map[i18n.Lang]string
}

// The role addresses the pages give for getting in touch. The domain is
// the Alliance's (the one the seed links to); the mailboxes are
// placeholders to be confirmed, or changed here, before launch.
const (
	PrivacyContact       = "privacy@socialserviceworkforce.org"
	AccessibilityContact = "accessibility@socialserviceworkforce.org"
	CampaignContact      = "campaign@socialserviceworkforce.org"
)

// PolicyPages returns the privacy notice, the accessibility statement and
// the about page, in English and Spanish. Every period the privacy notice
// quotes is written from the constant the code keeps or deletes by, so
// the text cannot drift from what the site does.
func PolicyPages() []PolicyPage {
	return []PolicyPage{privacyPage(), accessibilityPage(), aboutPage()}
}

// span says d in words in l: whole days as days, whole hours as hours,
// anything else in minutes ("7 days", "una hora", "15 minutos"); one of a
// unit is written as a word, so that "after a day" reads as it should.
func span(l i18n.Lang, d time.Duration) string {
	type unit struct{ one, many string }
	n, u := int64(d/time.Minute), map[i18n.Lang]unit{i18n.EN: {"a minute", "minutes"}, i18n.ES: {"un minuto", "minutos"}}
	switch {
	case d >= 24*time.Hour && d%(24*time.Hour) == 0:
		n, u = int64(d/(24*time.Hour)), map[i18n.Lang]unit{i18n.EN: {"a day", "days"}, i18n.ES: {"un día", "días"}}
	case d >= time.Hour && d%time.Hour == 0:
		n, u = int64(d/time.Hour), map[i18n.Lang]unit{i18n.EN: {"an hour", "hours"}, i18n.ES: {"una hora", "horas"}}
	}
	words, ok := u[l]
	if !ok {
		words = u[i18n.EN]
	}
	if n == 1 {
		return words.one
	}
	return fmt.Sprintf("%d %s", n, words.many)
}

// mailto is a Markdown link that writes to address.
func mailto(address string) string { return "[" + address + "](mailto:" + address + ")" }

// blocks joins Markdown blocks (paragraphs, lists, headings) into one body.
func blocks(parts ...string) string { return strings.Join(parts, "\n\n") + "\n" }

func privacyPage() PolicyPage {
	return PolicyPage{
		Path: "/privacy",
		Title: map[i18n.Lang]string{
			i18n.EN: "Privacy notice",
			i18n.ES: "Aviso de privacidad",
		},
		Description: map[i18n.Lang]string{
			i18n.EN: "What this site records when you read it, sign the Call to Action or subscribe to our emails: why, who sees it, how long it is kept and how to have it erased.",
			i18n.ES: "Qué registra este sitio cuando lo lee, firma el Llamado a la acción o se suscribe a nuestros correos: para qué, quién lo ve, cuánto tiempo se guarda y cómo pedir que se borre.",
		},
		Body: map[i18n.Lang]string{i18n.EN: privacyEN(), i18n.ES: privacyES()},
	}
}

func privacyEN() string {
	l := i18n.EN
	d := func(x time.Duration) string { return span(l, x) }
	return blocks(
		"This notice describes what this campaign site actually does with information about you. It was written from the site's own code, and the periods below come from the same settings the site uses to delete things.",

		"## Who is responsible",
		fmt.Sprintf("The site is run by the Global Social Service Workforce Alliance for its advocacy campaign. For anything about your information, write to %s.", mailto(PrivacyContact)),

		"## Reading the site",
		"- Public pages set **no cookies**. There is no analytics, no advertising and no tracking, and nothing is loaded from other sites: every page, style and image comes from this site.\n"+
			"- The language you read in is part of the page address (`/es/` for Spanish), not something stored about you.\n"+
			"- For each request, the server's log records the method, the page address (with the secret part of any link from our emails masked), the answer's status and size, how long it took and a random request number. It does **not** record your IP address or your browser.\n"+
			"- Downloads from the resource library are counted per file and per day, and nothing else: not who downloaded.",

		"## Signing the Call to Action",
		"When an organisation signs, the form asks for the organisation's name, website, country, type and logo; the name, email address and role of a contact person; an optional statement; and your agreement that we may show the organisation's name and logo. We also note the language of the page, so that our emails to the contact are in that language, and when agreement was given.",
		fmt.Sprintf("- We email the contact a link to confirm the signature. The link works for %s; a submission that is not confirmed in that time is deleted, with everything in it.\n", d(signing.ConfirmFor))+
			"- Staff then review the submission. They may approve it, turn it down with a reason, or ask for changes: the contact then gets a link to a form holding what was sent, which works for "+d(signing.ChangeFor)+".\n"+
			"- Once approved, the organisation's **name, logo, website, country, type and the date of approval** are public: on the Call to Action page, in the full list of signatories and in the open data files (JSON and CSV) that anyone may download and reuse.\n"+
			"- The contact's name, email address and role, and the statement, are **never published**. Only staff see them.\n"+
			"- The email sent on approval holds a link that takes the organisation off the list at any time. It does not expire.",
		fmt.Sprintf("The logo you upload is converted into a fresh PNG image, which is what the site shows; the file as uploaded is kept as well, and only administrators can open it (an image file can carry more than the picture, such as the author's name or a place). A logo uploaded with a form that was never sent is deleted after %s.", d(signing.UnusedLogosKeptFor)),

		"## Subscribing to our emails",
		fmt.Sprintf("The sign-up form asks for your email address, optionally your name, the language you want and which emails you want (the daily emails of Social Service Workforce Week, general updates, or both), and your agreement. We send a link to confirm; it works for %s, and a sign-up not confirmed in that time is deleted.", d(subscribe.ConfirmFor)),
		fmt.Sprintf("- If you sign up again while subscribed, nothing changes: we send you a reminder with a link to your preferences, at most one in %s.\n", d(subscribe.RemindEvery))+
			"- Every email we send has a link to your preferences, where you can change the lists or the language, and a link to unsubscribe. Mail programs that offer an unsubscribe button use the same link, in one click.\n"+
			"- We record which of our mailings were sent to you.\n"+
			"- When you unsubscribe, all our emails to you stop at once. We keep the address marked as unsubscribed; if you would rather we kept nothing, ask us to erase it (see below).",

		"## Keeping the forms safe from abuse",
		fmt.Sprintf("- To limit how often the forms can be sent from one computer or network, we keep the IP address each form was sent from, and forget it after %s.\n", d(signing.FormPostsKeptFor))+
			fmt.Sprintf("- So that nobody can use our forms to flood a mailbox, we note each address a confirmation email went to, and when. Only one confirmation email goes to an address in %s, and the note is forgotten at the first clean-up after that.\n", d(signing.ConfirmEmailEvery))+
			"- The forms also have a field that people never see, and check how quickly they were filled in. There is no CAPTCHA and no outside service involved.",

		"## Staff accounts",
		"Staff accounts hold a name, an email address, a role and the password, which is stored only as a one-way hash (argon2id).",
		fmt.Sprintf("- Signing in sets one cookie, `%s`, sent only to the staff area (`/admin`) and unreadable by scripts. The session ends after %s without activity, and after %s in any case.\n", web.StaffCookie, d(web.SessionIdle), d(web.SessionLifetime))+
			fmt.Sprintf("- To slow down password guessing, a failed sign-in is remembered (the email typed and the IP address) for %s; too many failures lock further attempts for %s.", d(auth.SignInWindow), d(auth.SignInLockFor)),

		"## The activity record",
		"The site keeps a record of what is done on it, so that staff can tell who did what and when: staff actions, and also submissions, confirmations, withdrawals, sign-ups and unsubscriptions, each with the IP address it came from. Failed staff sign-ins are recorded with the email typed. Only administrators can read this record. It is not deleted on a schedule; when we erase someone's information (see below), the addresses recorded for their actions are blanked and the entries no longer name them.",

		"## Who sees what",
		"- **Everyone:** the public details of approved organisations.\n"+
			"- **All staff** (editors and administrators): the submissions with their contact details, in order to review them.\n"+
			"- **Administrators only:** the list of subscribers and its export, copies of the emails the site has sent, the logos as uploaded, the activity record, staff accounts, and erasure.\n"+
			"- Our emails are handed to a mail delivery service, which sees the address and the message in order to deliver it.\n"+
			"- We do not sell your information or share it with anyone for marketing.",

		"## How long we keep it",
		fmt.Sprintf("- A signature that is never confirmed: %s.\n", d(signing.ConfirmFor))+
			fmt.Sprintf("- A sign-up for our emails that is never confirmed: %s.\n", d(subscribe.ConfirmFor))+
			fmt.Sprintf("- A logo from a form that was never sent: %s.\n", d(signing.UnusedLogosKeptFor))+
			fmt.Sprintf("- The IP address a form was sent from: %s.\n", d(signing.FormPostsKeptFor))+
			fmt.Sprintf("- The note that a confirmation email went to an address: %s, until the next clean-up.\n", d(signing.ConfirmEmailEvery))+
			fmt.Sprintf("- A failed staff sign-in: %s, plus up to %s until the clean-up (longer while an attempt is locked).\n", d(auth.SignInWindow), d(auth.CleanupEvery))+
			fmt.Sprintf("- A staff session: %s without activity, %s at most.\n", d(web.SessionIdle), d(web.SessionLifetime))+
			"- Organisations on the list, their contacts, submissions that were turned down or withdrawn, subscribers (including those who unsubscribed), copies of sent emails and the activity record: until you ask us to erase them. We do not yet delete these on a schedule.",

		"## Your rights",
		"You may ask to see the information we hold about you, to have it corrected, to have it erased, and to object to how we use it. You may also withdraw your agreement at any time; that does not affect what was done before.",
		"- **Stop our emails:** use the unsubscribe link in any of them. It takes effect at once.\n"+
			"- **Take an organisation off the list:** use the link in the approval email. It takes effect at once.\n"+
			fmt.Sprintf("- **Anything else** (a copy of your information, a correction, erasure): write to %s from the address concerned, or tell us how we can check that the information is yours. We answer within one month.", mailto(PrivacyContact)),
		"Erasure is done by an administrator and cannot be undone. For an organisation that is on the list, the organisation stays but its contact's name, email address and role are removed, together with the emails sent to the contact, their links, the IP addresses recorded for the contact's actions and the records kept against abuse. Any other submission is deleted completely. A subscriber is deleted with the emails sent to the address, the record of mailings, their links and the IP addresses recorded for their actions; entries about them in the activity record then show only a number.",
		"If you are not satisfied with our answer, you may complain to the data protection authority where you live.",
	)
}

func privacyES() string {
	l := i18n.ES
	d := func(x time.Duration) string { return span(l, x) }
	return blocks(
		"Este aviso explica qué hace realmente este sitio de campaña con la información sobre usted. Se redactó a partir del propio código del sitio, y los plazos que aparecen abajo salen de los mismos ajustes con los que el sitio borra los datos.",

		"## Quién es responsable",
		fmt.Sprintf("El sitio lo gestiona la Global Social Service Workforce Alliance (Alianza Mundial de la Fuerza Laboral del Servicio Social) para su campaña de incidencia. Para cualquier consulta sobre su información, escriba a %s.", mailto(PrivacyContact)),

		"## Al leer el sitio",
		"- Las páginas públicas **no usan cookies**. No hay analítica, publicidad ni seguimiento, y nada se carga desde otros sitios: todas las páginas, estilos e imágenes vienen de este sitio.\n"+
			"- El idioma en que lee forma parte de la dirección de la página (`/es/` para español); no es un dato que se guarde sobre usted.\n"+
			"- Por cada solicitud, el registro del servidor anota el método, la dirección de la página (con la parte secreta de los enlaces de nuestros correos oculta), el estado y el tamaño de la respuesta, cuánto tardó y un número de solicitud al azar. **No** anota su dirección IP ni su navegador.\n"+
			"- Las descargas de la biblioteca de recursos se cuentan por archivo y por día, y nada más: no se registra quién descargó.",

		"## Al firmar el Llamado a la acción",
		"Cuando una organización firma, el formulario pide su nombre, sitio web, país, tipo y logotipo; el nombre, el correo electrónico y el cargo de una persona de contacto; una declaración opcional; y su permiso para mostrar el nombre y el logotipo de la organización. También anotamos el idioma de la página, para escribir al contacto en ese idioma, y el momento en que dio su permiso.",
		fmt.Sprintf("- Enviamos al contacto un enlace para confirmar la firma. El enlace funciona durante %s; una firma que no se confirma en ese plazo se borra con todo su contenido.\n", d(signing.ConfirmFor))+
			"- Después, el equipo revisa la firma. Puede aprobarla, rechazarla indicando un motivo o pedir cambios: en ese caso el contacto recibe un enlace a un formulario con lo que envió, que funciona durante "+d(signing.ChangeFor)+".\n"+
			"- Una vez aprobada, son públicos **el nombre, el logotipo, el sitio web, el país y el tipo de la organización, y la fecha de aprobación**: en la página del Llamado a la acción, en la lista completa de firmantes y en los archivos de datos abiertos (JSON y CSV), que cualquiera puede descargar y reutilizar.\n"+
			"- El nombre, el correo y el cargo del contacto, y la declaración, **nunca se publican**. Solo los ve el equipo.\n"+
			"- El correo de aprobación trae un enlace para retirar a la organización de la lista en cualquier momento. No caduca.",
		fmt.Sprintf("El logotipo que sube se convierte en una imagen PNG nueva, que es la que muestra el sitio; el archivo tal como se subió también se guarda, y solo el equipo de administración puede abrirlo (un archivo de imagen puede llevar más que la imagen, como el nombre de quien la hizo o un lugar). El logotipo subido con un formulario que nunca se envió se borra al cabo de %s.", d(signing.UnusedLogosKeptFor)),

		"## Al suscribirse a nuestros correos",
		fmt.Sprintf("El formulario de suscripción pide su correo electrónico, su nombre si quiere darlo, el idioma y qué correos desea (los correos diarios de la Semana de la Fuerza Laboral del Servicio Social, novedades generales o ambos), y su permiso. Le enviamos un enlace para confirmar; funciona durante %s, y una suscripción que no se confirma en ese plazo se borra.", d(subscribe.ConfirmFor)),
		fmt.Sprintf("- Si vuelve a suscribirse cuando ya lo está, no cambia nada: le enviamos un recordatorio con un enlace a sus preferencias, como mucho uno en %s.\n", d(subscribe.RemindEvery))+
			"- Todos nuestros correos traen un enlace a sus preferencias, donde puede cambiar las listas o el idioma, y un enlace para darse de baja. Los programas de correo que ofrecen un botón de baja usan ese mismo enlace, con un solo clic.\n"+
			"- Anotamos cuáles de nuestros envíos le llegaron.\n"+
			"- Cuando se da de baja, todos nuestros correos se detienen de inmediato. Guardamos la dirección marcada como dada de baja; si prefiere que no guardemos nada, pídanos que la borremos (vea más abajo).",

		"## Protección de los formularios contra el abuso",
		fmt.Sprintf("- Para limitar cuántas veces se pueden enviar los formularios desde un mismo dispositivo o red, guardamos la dirección IP desde la que se envió cada uno, y la olvidamos al cabo de %s.\n", d(signing.FormPostsKeptFor))+
			fmt.Sprintf("- Para que nadie use nuestros formularios para saturar un buzón, anotamos a qué dirección fue cada correo de confirmación y cuándo. A una misma dirección solo va un correo de confirmación en %s, y la nota se olvida en la primera limpieza posterior.\n", d(signing.ConfirmEmailEvery))+
			"- Los formularios tienen además un campo que las personas no ven y comprueban cuánto se tardó en llenarlos. No hay CAPTCHA ni interviene ningún servicio externo.",

		"## Cuentas del equipo",
		"Las cuentas del equipo guardan un nombre, un correo, una función y la contraseña, que solo se guarda como un resumen irreversible (argon2id).",
		fmt.Sprintf("- Al iniciar sesión se crea una única cookie, `%s`, que solo se envía al área del equipo (`/admin`) y que los scripts no pueden leer. La sesión termina tras %s sin actividad y, en cualquier caso, al cabo de %s.\n", web.StaffCookie, d(web.SessionIdle), d(web.SessionLifetime))+
			fmt.Sprintf("- Para frenar los intentos de adivinar contraseñas, un inicio de sesión fallido se recuerda (el correo escrito y la dirección IP) durante %s; demasiados fallos bloquean nuevos intentos durante %s.", d(auth.SignInWindow), d(auth.SignInLockFor)),

		"## El registro de actividad",
		"El sitio guarda un registro de lo que se hace en él, para que el equipo sepa quién hizo qué y cuándo: las acciones del equipo, y también las firmas, confirmaciones, retiros, suscripciones y bajas, cada una con la dirección IP de la que vino. Los inicios de sesión fallidos del equipo se anotan con el correo escrito. Solo el equipo de administración puede leer este registro. No se borra según un calendario; cuando borramos la información de alguien (vea más abajo), las direcciones anotadas para sus acciones se vacían y las entradas dejan de nombrarle.",

		"## Quién ve qué",
		"- **Cualquier persona:** los datos públicos de las organizaciones aprobadas.\n"+
			"- **Todo el equipo** (edición y administración): las firmas con sus datos de contacto, para revisarlas.\n"+
			"- **Solo administración:** la lista de suscriptores y su exportación, las copias de los correos que envió el sitio, los logotipos tal como se subieron, el registro de actividad, las cuentas del equipo y el borrado.\n"+
			"- Nuestros correos pasan por un servicio de envío, que ve la dirección y el mensaje para poder entregarlo.\n"+
			"- No vendemos su información ni la compartimos con nadie con fines de marketing.",

		"## Cuánto tiempo la guardamos",
		fmt.Sprintf("- Una firma que nunca se confirma: %s.\n", d(signing.ConfirmFor))+
			fmt.Sprintf("- Una suscripción a nuestros correos que nunca se confirma: %s.\n", d(subscribe.ConfirmFor))+
			fmt.Sprintf("- El logotipo de un formulario que nunca se envió: %s.\n", d(signing.UnusedLogosKeptFor))+
			fmt.Sprintf("- La dirección IP desde la que se envió un formulario: %s.\n", d(signing.FormPostsKeptFor))+
			fmt.Sprintf("- La nota de que un correo de confirmación fue a una dirección: %s, hasta la siguiente limpieza.\n", d(signing.ConfirmEmailEvery))+
			fmt.Sprintf("- Un inicio de sesión fallido del equipo: %s, más un máximo de %s hasta la limpieza (más tiempo mientras dure un bloqueo).\n", d(auth.SignInWindow), d(auth.CleanupEvery))+
			fmt.Sprintf("- Una sesión del equipo: %s sin actividad, %s como máximo.\n", d(web.SessionIdle), d(web.SessionLifetime))+
			"- Las organizaciones de la lista, sus contactos, las firmas rechazadas o retiradas, los suscriptores (también quienes se dieron de baja), las copias de los correos enviados y el registro de actividad: hasta que nos pida borrarlos. Por ahora no los borramos según un calendario.",

		"## Sus derechos",
		"Puede pedir ver la información que tenemos sobre usted, corregirla, borrarla y oponerse a cómo la usamos. También puede retirar su permiso en cualquier momento, sin que eso afecte a lo hecho antes.",
		"- **Dejar de recibir nuestros correos:** use el enlace de baja de cualquiera de ellos. Tiene efecto inmediato.\n"+
			"- **Retirar a una organización de la lista:** use el enlace del correo de aprobación. Tiene efecto inmediato.\n"+
			fmt.Sprintf("- **Cualquier otra cosa** (una copia de su información, una corrección, el borrado): escriba a %s desde la dirección en cuestión, o díganos cómo podemos comprobar que la información es suya. Respondemos en el plazo de un mes.", mailto(PrivacyContact)),
		"El borrado lo hace el equipo de administración y no se puede deshacer. Si la organización está en la lista, la organización se queda, pero se quitan el nombre, el correo y el cargo de su contacto, junto con los correos que se le enviaron, sus enlaces, las direcciones IP anotadas para sus acciones y los registros contra el abuso. Cualquier otra firma se borra por completo. Un suscriptor se borra con los correos enviados a su dirección, el registro de envíos, sus enlaces y las direcciones IP anotadas para sus acciones; las entradas sobre esa persona en el registro de actividad pasan a mostrar solo un número.",
		"Si no queda conforme con nuestra respuesta, puede presentar una reclamación ante la autoridad de protección de datos de su país.",
	)
}

func accessibilityPage() PolicyPage {
	return PolicyPage{
		Path: "/accessibility",
		Title: map[i18n.Lang]string{
			i18n.EN: "Accessibility statement",
			i18n.ES: "Declaración de accesibilidad",
		},
		Description: map[i18n.Lang]string{
			i18n.EN: "The accessibility standard this site aims for, how every page is tested, what we know still falls short, and how to tell us about a problem.",
			i18n.ES: "El nivel de accesibilidad que busca este sitio, cómo se prueban sus páginas, lo que sabemos que aún falla y cómo avisarnos de un problema.",
		},
		Body: map[i18n.Lang]string{i18n.EN: accessibilityEN(), i18n.ES: accessibilityES()},
	}
}

func accessibilityEN() string {
	return blocks(
		"We want everyone who works with or for the social service workforce to be able to use this site, whatever device they use, however they read and whether or not they use a mouse.",

		"## Our aim",
		"The site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, in English and in Spanish.",

		"## How we check",
		"These checks are part of the site's automated tests:\n\n"+
			"- Every public page, in both languages, is opened in a real Chromium browser and checked with axe-core against its WCAG 2.0, 2.1 and 2.2 rules for levels A and AA.\n"+
			"- The home page, the resource library, the events calendar, the Social Service Workforce Week pages, the Call to Action with its list of signatories, and the sign and subscribe forms are also checked at phone width (390 pixels or narrower), most of them in dark mode too. The tests fail if the home page, the library, the calendar or the Week's pages scroll sideways at that width.\n"+
			"- Every public page, and the error pages, are checked with html-validate for valid, well-formed HTML.\n"+
			"- Keyboard use is tested: the first press of Tab reaches a link that skips to the content, and the sign and subscribe forms are filled in with the keyboard, ticking boxes with the space bar.\n"+
			"- The public pages use no JavaScript at all: every form is an ordinary form, and the tests send them as a visitor would.",
		"Forms show what needs fixing beside each field, with a summary at the top, and keep everything already typed. The site follows your device's light or dark setting.",

		"## What we know falls short",
		"- Documents in the resource library (mostly PDF files) are uploaded by staff, and many were produced years ago or by other organisations. Some may lack headings, a reading order or text for their images. If one does not work for you, ask us and we will try to send the content in another format.\n"+
			"- Logos on the list of signatories are images supplied by each organisation; the organisation's name is always given in text beside or instead of them.\n"+
			"- Automated tests find only part of the possible problems. The site has not yet had a full review by people using assistive technology.\n"+
			"- Links lead to other sites, such as partners' pages and social media, which we do not control.",

		"## Tell us about a problem",
		fmt.Sprintf("If something on the site is hard or impossible for you to use, write to %s. Tell us the address of the page and what happened, and, if you like, the device, browser or assistive technology you use. We will reply within ten working days, and either fix the problem or give you the content another way as soon as we can.", mailto(AccessibilityContact)),
	)
}

func accessibilityES() string {
	return blocks(
		"Queremos que cualquier persona que trabaje en la fuerza laboral del servicio social, o para ella, pueda usar este sitio, con el dispositivo que use, lea como lea y use o no un ratón.",

		"## Nuestro objetivo",
		"El sitio busca cumplir las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.2 en el nivel AA, en inglés y en español.",

		"## Cómo lo comprobamos",
		"Estas comprobaciones forman parte de las pruebas automáticas del sitio:\n\n"+
			"- Cada página pública, en los dos idiomas, se abre en un navegador Chromium real y se revisa con axe-core según sus reglas de WCAG 2.0, 2.1 y 2.2 para los niveles A y AA.\n"+
			"- La página de inicio, la biblioteca de recursos, el calendario, las páginas de la Semana de la Fuerza Laboral del Servicio Social, el Llamado a la acción con su lista de firmantes y los formularios de firma y de suscripción se revisan también con ancho de teléfono (390 píxeles o menos), y la mayoría también en modo oscuro. Las pruebas fallan si la página de inicio, la biblioteca, el calendario o las páginas de la Semana se desplazan de lado con ese ancho.\n"+
			"- Cada página pública, y las páginas de error, se validan con html-validate para comprobar que su HTML es correcto.\n"+
			"- Se prueba el uso con teclado: la primera pulsación de Tab llega a un enlace que salta al contenido, y los formularios de firma y de suscripción se llenan con el teclado, marcando las casillas con la barra espaciadora.\n"+
			"- Las páginas públicas no usan JavaScript: cada formulario es un formulario corriente, y las pruebas los envían como lo haría una persona.",
		"Los formularios indican junto a cada campo lo que hay que corregir, con un resumen arriba, y conservan todo lo ya escrito. El sitio sigue el modo claro u oscuro de su dispositivo.",

		"## Lo que sabemos que aún falla",
		"- Los documentos de la biblioteca de recursos (sobre todo archivos PDF) los sube el equipo, y muchos se hicieron hace años o los produjeron otras organizaciones. Algunos pueden no tener encabezados, un orden de lectura o texto para sus imágenes. Si alguno no le sirve, pídanoslo e intentaremos enviarle el contenido en otro formato.\n"+
			"- Los logotipos de la lista de firmantes son imágenes que entrega cada organización; el nombre de la organización siempre aparece como texto junto a ellos o en su lugar.\n"+
			"- Las pruebas automáticas solo encuentran una parte de los problemas posibles. El sitio aún no ha tenido una revisión completa por personas que usan tecnologías de apoyo.\n"+
			"- Hay enlaces a otros sitios, como páginas de organizaciones aliadas y redes sociales, que no controlamos.",

		"## Avísenos de un problema",
		fmt.Sprintf("Si algo del sitio le resulta difícil o imposible de usar, escriba a %s. Indíquenos la dirección de la página y qué ocurrió y, si quiere, el dispositivo, el navegador o la tecnología de apoyo que usa. Le responderemos en un plazo de diez días hábiles y, en cuanto podamos, corregiremos el problema o le daremos el contenido de otra forma.", mailto(AccessibilityContact)),
	)
}

func aboutPage() PolicyPage {
	return PolicyPage{
		Path: "/about",
		Title: map[i18n.Lang]string{
			i18n.EN: "About this campaign",
			i18n.ES: "Acerca de esta campaña",
		},
		Description: map[i18n.Lang]string{
			i18n.EN: "Who runs this advocacy site for the social service workforce, what it is for, and how to get in touch with the team.",
			i18n.ES: "Quién gestiona este sitio de incidencia a favor de la fuerza laboral del servicio social, para qué sirve y cómo ponerse en contacto con el equipo.",
		},
		Body: map[i18n.Lang]string{i18n.EN: aboutEN(), i18n.ES: aboutES()},
	}
}

func aboutEN() string {
	l := i18n.EN
	return blocks(
		"## Who we are",
		"This site is the advocacy campaign of the Global Social Service Workforce Alliance, a network that has grown to more than 2,900 members in 147 countries. Its members work to strengthen the social service workforce: social workers, child and youth care workers, para-professionals, community-level workers and everyone else whose job is to support children, families and communities.",

		"## What the campaign is for",
		"A workforce that is well trained, well supported and properly funded protects children better and makes programmes for families work. That case has to be made again and again, to governments, donors, the media and the public. The site gathers what advocates need to make it:",
		fmt.Sprintf("- [Key messages](%s), written by the Alliance's Interest Group on Advocacy, one set for each audience: donors, policymakers, the media, the general public and other social service professionals.\n", l.Path("/key-messages"))+
			fmt.Sprintf("- [The Call to Action](%s) for strengthening the workforce to better protect children and achieve the Sustainable Development Goals, launched at the Alliance's fifth annual symposium in May 2018, which organisations can sign.\n", l.Path("/call-to-action"))+
			fmt.Sprintf("- [The Global Advocacy Toolkit](%s), released in May 2017 and developed with WithoutViolence, and a [library of resources](%s).\n", l.Path("/toolkit"), l.Path("/resources"))+
			fmt.Sprintf("- [Social Service Workforce Week](%s), held every year since 2014, and a [calendar](%s) of other days that offer a chance to speak up for the workforce.", l.Path("/sswweek"), l.Path("/events")),

		"## Get in touch",
		fmt.Sprintf("- Write to the campaign team at %s.\n", mailto(CampaignContact))+
			"- Follow the Alliance on Twitter at @SSWAlliance, and use #SSWWeek during the week. The Alliance is also on Facebook and LinkedIn.\n"+
			"- The Alliance's main website is [socialserviceworkforce.org](https://www.socialserviceworkforce.org/).",
		fmt.Sprintf("To learn what this site does with your information, read the [privacy notice](%s); to tell us about something you cannot use, see the [accessibility statement](%s).", l.Path("/privacy"), l.Path("/accessibility")),
	)
}

func aboutES() string {
	l := i18n.ES
	return blocks(
		"## Quiénes somos",
		"Este sitio es la campaña de incidencia de la Global Social Service Workforce Alliance (Alianza Mundial de la Fuerza Laboral del Servicio Social), una red que hoy reúne a más de 2.900 miembros en 147 países. Sus miembros trabajan para fortalecer la fuerza laboral del servicio social: trabajadoras y trabajadores sociales, personal de cuidado de niñas, niños y jóvenes, paraprofesionales, agentes comunitarios y todas las personas cuyo trabajo es apoyar a la niñez, las familias y las comunidades.",

		"## Para qué sirve la campaña",
		"Una fuerza laboral bien formada, bien apoyada y con financiación suficiente protege mejor a la niñez y hace que los programas para las familias funcionen. Hay que explicarlo una y otra vez a los gobiernos, a los donantes, a los medios y al público. El sitio reúne lo que hace falta para hacerlo:",
		fmt.Sprintf("- [Mensajes clave](%s), redactados por el Grupo de Interés sobre Incidencia de la Alianza, uno para cada público: donantes, responsables de políticas, medios de comunicación, público en general y otros profesionales del servicio social.\n", l.Path("/key-messages"))+
			fmt.Sprintf("- [El Llamado a la acción](%s) para fortalecer la fuerza laboral, proteger mejor a la niñez y alcanzar los Objetivos de Desarrollo Sostenible, presentado en el quinto simposio anual de la Alianza en mayo de 2018, que las organizaciones pueden firmar.\n", l.Path("/call-to-action"))+
			fmt.Sprintf("- [El Kit Mundial de Herramientas de Incidencia](%s), publicado en mayo de 2017 y elaborado con WithoutViolence, y una [biblioteca de recursos](%s).\n", l.Path("/toolkit"), l.Path("/resources"))+
			fmt.Sprintf("- [La Semana de la Fuerza Laboral del Servicio Social](%s), que se celebra cada año desde 2014, y un [calendario](%s) con otras fechas que son una ocasión para hablar a favor de la fuerza laboral.", l.Path("/sswweek"), l.Path("/events")),

		"## Contacto",
		fmt.Sprintf("- Escriba al equipo de la campaña a %s.\n", mailto(CampaignContact))+
			"- Siga a la Alianza en Twitter en @SSWAlliance y use #SSWWeek durante la Semana. La Alianza también está en Facebook y LinkedIn.\n"+
			"- El sitio principal de la Alianza es [socialserviceworkforce.org](https://www.socialserviceworkforce.org/).",
		fmt.Sprintf("Para saber qué hace este sitio con su información, lea el [aviso de privacidad](%s); para avisarnos de algo que no puede usar, consulte la [declaración de accesibilidad](%s).", l.Path("/privacy"), l.Path("/accessibility")),
	)
}
