package i18n

// The sign-up for SSWWeek daily emails and general updates: the form (in
// the footer, on the SSWWeek pages and on its own page), and the pages
// reached from our emails to confirm, change or stop a subscription; and
// the emails of the subscription workflow.
func init() {
	register(map[string]map[Lang]string{
		"subscribe.title":          {EN: "Get the SSWWeek emails", ES: "Reciba los correos de la SSWWeek"},
		"subscribe.description":    {EN: "Sign up for a short email each day of Social Service Workforce Week, and for news from the campaign.", ES: "Suscríbase a un breve correo cada día de la Semana de la Fuerza Laboral de Servicios Sociales y a las novedades de la campaña."},
		"subscribe.lede":           {EN: "Each morning of SSWWeek, one short email with the day's topic, new posts and resources. Between weeks, news from the campaign now and then. You choose which.", ES: "Cada mañana de la SSWWeek, un breve correo con el tema del día, las nuevas entradas y recursos. Entre una semana y otra, novedades de la campaña de vez en cuando. Usted elige qué recibir."},
		"subscribe.footer.heading": {EN: "Get our emails", ES: "Reciba nuestros correos"},
		"subscribe.footer.text":    {EN: "The SSWWeek daily emails and news from the campaign, in English or Spanish.", ES: "Los correos diarios de la SSWWeek y las novedades de la campaña, en español o en inglés."},
		"subscribe.section.text":   {EN: "Sign up below. We send a link to confirm your address first; nothing else arrives until you open it.", ES: "Suscríbase aquí. Primero le enviamos un enlace para confirmar su dirección; no recibirá nada más hasta que lo abra."},

		"subscribe.email":             {EN: "Email address", ES: "Correo electrónico"},
		"subscribe.email.hint":        {EN: "We send a link to this address to confirm it is yours.", ES: "Enviaremos un enlace a esta dirección para confirmar que es suya."},
		"subscribe.name":              {EN: "Your name", ES: "Su nombre"},
		"subscribe.name.hint":         {EN: "So our emails can greet you by name.", ES: "Para que nuestros correos puedan saludarle por su nombre."},
		"subscribe.optional":          {EN: "(optional)", ES: "(opcional)"},
		"subscribe.lang":              {EN: "Language of the emails", ES: "Idioma de los correos"},
		"subscribe.lists":             {EN: "What would you like to receive?", ES: "¿Qué desea recibir?"},
		"subscribe.lists.hint":        {EN: "Choose one or both.", ES: "Elija una opción o las dos."},
		"subscribe.list.daily":        {EN: "SSWWeek daily emails", ES: "Correos diarios de la SSWWeek"},
		"subscribe.list.daily.hint":   {EN: "One each morning during the week: the day's topic, posts and resources.", ES: "Uno cada mañana durante la semana: el tema del día, entradas y recursos."},
		"subscribe.list.updates":      {EN: "General updates", ES: "Novedades de la campaña"},
		"subscribe.list.updates.hint": {EN: "News from the campaign, a few times a year.", ES: "Noticias de la campaña, algunas veces al año."},
		"subscribe.consent":           {EN: "I agree to receive the emails I chose. I can unsubscribe at any time with the link in every email.", ES: "Acepto recibir los correos que elegí. Puedo darme de baja en cualquier momento con el enlace que trae cada correo."},
		"subscribe.privacy":           {EN: "We use your address only to send what you choose, and never share it.", ES: "Usamos su dirección solo para enviarle lo que elija, y nunca la compartimos."},
		"subscribe.trap":              {EN: "Leave this field empty", ES: "Deje este campo vacío"},
		"subscribe.submit":            {EN: "Subscribe", ES: "Suscribirme"},
		"subscribe.summary":           {EN: "There is a problem", ES: "Hay un problema"},

		"subscribe.error.email.required":    {EN: "Enter your email address", ES: "Escriba su correo electrónico"},
		"subscribe.error.email.invalid":     {EN: "Enter an email address in the right form, like name@example.org", ES: "Escriba un correo electrónico válido, como nombre@ejemplo.org"},
		"subscribe.error.name.long":         {EN: "Shorten your name to 120 characters or fewer", ES: "Acorte su nombre a 120 caracteres como máximo"},
		"subscribe.error.name.link":         {EN: "Enter your name without a web or email address, or anything like one such as example.org", ES: "Escriba su nombre sin direcciones web ni de correo, ni nada parecido como ejemplo.org"},
		"subscribe.error.lang.required":     {EN: "Choose the language of the emails", ES: "Elija el idioma de los correos"},
		"subscribe.error.lists.required":    {EN: "Choose what you would like to receive: the daily emails, the updates or both", ES: "Elija qué desea recibir: los correos diarios, las novedades o ambos"},
		"subscribe.error.lists.preferences": {EN: "Choose at least one kind of email. To stop them all, use the button to unsubscribe below", ES: "Elija al menos un tipo de correo. Para dejar de recibirlos todos, use el botón para darse de baja más abajo"},
		"subscribe.error.consent.required":  {EN: "Tick the box to agree to receive the emails, or we cannot send them", ES: "Marque la casilla para aceptar recibir los correos; sin ello no podemos enviarlos"},
		"subscribe.error.form.expired":      {EN: "We could not accept the form as it was sent: check your details and send it again", ES: "No pudimos aceptar el formulario tal como llegó: revise sus datos y vuelva a enviarlo"},
		"subscribe.error.form.ratelimit":    {EN: "Too many sign-ups have come from your connection in the last hour: try again later", ES: "Llegaron demasiadas suscripciones desde su conexión en la última hora: intente más tarde"},

		"subscribe.error.text":             {EN: "This contains characters that are not text (shown as \ufffd): type it again and send the form", ES: "Contiene caracteres que no son texto (se muestran como \ufffd): vuelva a escribirlo y envíe el formulario"},
		"subscribe.error.form.unavailable": {EN: "We could not save your sign-up just now, as the site is having a brief problem. Nothing you typed is lost: send it again in a moment.", ES: "No pudimos guardar su suscripción en este momento por un problema pasajero del sitio. No se perdió nada de lo que escribió: vuelva a enviarla en un momento."},
		// The confirmation email's subject is fixed: nothing a visitor
		// typed goes in it.
		"subscribe.email.confirm.subject": {EN: "Confirm your subscription", ES: "Confirme su suscripción"},
		"subscribe.sent.once":             {EN: "We send at most one confirmation email an hour to an address: if you signed up again within the hour, no new email was sent, so use the link in the first one.", ES: "Enviamos como máximo un correo de confirmación por hora a cada dirección: si volvió a suscribirse en la misma hora, no enviamos otro, así que use el enlace del primero."},

		"subscribe.sent.title":   {EN: "Check your email", ES: "Revise su correo"},
		"subscribe.sent.panel":   {EN: "We have sent an email to the address you gave", ES: "Enviamos un correo a la dirección que indicó"},
		"subscribe.sent.open":    {EN: "Open the link in it to confirm your subscription. Until you do, we send you nothing else.", ES: "Abra el enlace que contiene para confirmar su suscripción. Hasta entonces no le enviaremos nada más."},
		"subscribe.sent.expiry":  {EN: "The link works for 7 days.", ES: "El enlace funciona durante 7 días."},
		"subscribe.sent.already": {EN: "If the address is already subscribed, the email says so instead, with a link to change what you receive.", ES: "Si la dirección ya está suscrita, el correo se lo dirá y traerá un enlace para cambiar lo que recibe."},
		"subscribe.sent.missing": {EN: "No email?", ES: "¿No llegó el correo?"},
		"subscribe.sent.wait":    {EN: "It can take a few minutes. Look in your spam or junk folder too, and check that the address was typed correctly.", ES: "Puede tardar unos minutos. Mire también en la carpeta de correo no deseado y compruebe que escribió bien la dirección."},
		"subscribe.again":        {EN: "Sign up again", ES: "Volver a suscribirse"},

		"subscribe.confirm.title":   {EN: "Confirm your subscription", ES: "Confirme su suscripción"},
		"subscribe.confirm.text":    {EN: "Press the button to start receiving these emails.", ES: "Pulse el botón para empezar a recibir estos correos."},
		"subscribe.confirm.button":  {EN: "Confirm my subscription", ES: "Confirmar la suscripción"},
		"subscribe.confirm.not_you": {EN: "If you did not ask for this, close this page: without confirmation we send nothing and delete the request.", ES: "Si usted no lo pidió, cierre esta página: sin confirmación no enviamos nada y borramos la solicitud."},
		"subscribe.address":         {EN: "Email address", ES: "Correo electrónico"},
		"subscribe.receives":        {EN: "Emails", ES: "Correos"},
		"subscribe.in_lang":         {EN: "Language", ES: "Idioma"},
		"subscribe.confirmed.title": {EN: "Subscription confirmed", ES: "Suscripción confirmada"},
		"subscribe.confirmed.text":  {EN: "Thank you. Every email we send has a link to change what you receive or to unsubscribe.", ES: "Gracias. Cada correo que enviamos trae un enlace para cambiar lo que recibe o darse de baja."},
		"subscribe.prefs.link":      {EN: "Change what you receive", ES: "Cambiar lo que recibe"},
		"subscribe.back":            {EN: "Back to SSWWeek", ES: "Volver a la SSWWeek"},

		"subscribe.prefs.title":        {EN: "Your email subscription", ES: "Su suscripción por correo"},
		"subscribe.prefs.description":  {EN: "Change which emails you receive and their language, or unsubscribe.", ES: "Cambie qué correos recibe y en qué idioma, o dese de baja."},
		"subscribe.prefs.save":         {EN: "Save changes", ES: "Guardar los cambios"},
		"subscribe.prefs.saved":        {EN: "Your changes are saved.", ES: "Sus cambios quedaron guardados."},
		"subscribe.prefs.stop":         {EN: "Stop all emails", ES: "Dejar de recibir correos"},
		"subscribe.prefs.stop.text":    {EN: "We will send nothing more to this address, whatever is ticked above.", ES: "No enviaremos nada más a esta dirección, marque lo que marque arriba."},
		"subscribe.prefs.pending":      {EN: "This subscription is waiting for confirmation: look for our email and open the link in it.", ES: "Esta suscripción espera confirmación: busque nuestro correo y abra el enlace que contiene."},
		"subscribe.unsubscribe.title":  {EN: "Unsubscribe", ES: "Darse de baja"},
		"subscribe.unsubscribe.text":   {EN: "Press the button to stop every email from us to this address.", ES: "Pulse el botón para dejar de recibir todos nuestros correos en esta dirección."},
		"subscribe.unsubscribe.button": {EN: "Unsubscribe from everything", ES: "Darme de baja de todo"},
		"subscribe.unsubscribed.title": {EN: "You are unsubscribed", ES: "Se dio de baja"},
		"subscribe.unsubscribed.text":  {EN: "We will send no more emails to this address. If you change your mind, you can sign up again at any time.", ES: "No enviaremos más correos a esta dirección. Si cambia de idea, puede volver a suscribirse cuando quiera."},
		"subscribe.link.title":         {EN: "This link no longer works", ES: "Este enlace ya no funciona"},
		"subscribe.link.text":          {EN: "A link to confirm a subscription works once, for 7 days. This one has been used or has expired.", ES: "Un enlace para confirmar una suscripción funciona una sola vez, durante 7 días. Este ya se usó o venció."},
		"subscribe.link.again":         {EN: "If you have not confirmed yet, sign up again and we will send a new link.", ES: "Si aún no confirmó, vuelva a suscribirse y le enviaremos un enlace nuevo."},

		// The emails of the subscription workflow. {lists} is one of the
		// subscribe.email.lists.* phrases.
		"subscribe.email.lists.both":    {EN: "the SSWWeek daily emails and the campaign's news and updates", ES: "los correos diarios de la SSWWeek y las novedades de la campaña"},
		"subscribe.email.lists.daily":   {EN: "the SSWWeek daily emails", ES: "los correos diarios de la SSWWeek"},
		"subscribe.email.lists.updates": {EN: "the campaign's news and updates", ES: "las novedades de la campaña"},

		"subscribe.email.confirm.asked":  {EN: "Someone, most likely you, asked for {lists} to be sent to this address.", ES: "Alguien, seguramente usted, pidió recibir en esta dirección {lists}."},
		"subscribe.email.confirm.open":   {EN: "To confirm, open this link and press \"Confirm my subscription\":", ES: "Para confirmarlo, abra este enlace y pulse «Confirmar la suscripción»:"},
		"subscribe.email.confirm.expiry": {EN: "The link stops working after 7 days. If this was not you, ignore this email: without confirmation we send you nothing and delete the request.", ES: "El enlace vence en 7 días. Si no fue usted, ignore este mensaje: sin confirmación no le enviaremos nada y borraremos la solicitud."},

		"subscribe.email.reminder.subject": {EN: "You are already subscribed", ES: "Su suscripción ya está activa"},
		"subscribe.email.reminder.again":   {EN: "Someone entered this address in our sign-up form again. It already receives {lists}, so nothing has changed.", ES: "Alguien volvió a escribir esta dirección en nuestro formulario de suscripción. Ya recibe {lists}, así que no cambiamos nada."},
		"subscribe.email.reminder.prefs":   {EN: "To change what you receive or the language, or to unsubscribe, use this personal link (please do not share it):", ES: "Para cambiar lo que recibe o el idioma, o para darse de baja, use este enlace personal (no lo comparta):"},
	})
}
