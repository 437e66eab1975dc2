package i18n

// Interface text of the public signing pages: the form, the pages a
// contact reaches from our emails, the logo wall and the list of
// signatories. The form's error messages and the organisation types are
// in messages_signing.go. Keys start with "cta." so a missing one shown
// as text is caught by the every-page test.
func init() {
	register(map[string]map[Lang]string{
		// The button on the Call to Action page, and the wall.
		"cta.sign.button":      {EN: "Sign the Call to Action", ES: "Firme el Llamado a la acción"},
		"cta.sign.invite":      {EN: "Does your organisation support the Call to Action? Add its name and logo in a few minutes.", ES: "¿Su organización respalda el Llamado a la acción? Sume su nombre y su logotipo en pocos minutos."},
		"cta.sign.who":         {EN: "See who has signed", ES: "Vea quién ha firmado"},
		"cta.wall.first":       {EN: "No organisation has signed yet. Yours can be the first.", ES: "Todavía no ha firmado ninguna organización. La suya puede ser la primera."},
		"cta.wall.all":         {EN: "See the full list of signatories, with filters by country and type", ES: "Vea la lista completa de firmantes, con filtros por país y tipo"},
		"cta.sign.title":       {EN: "Sign the Call to Action", ES: "Firme el Llamado a la acción"},
		"cta.sign.description": {EN: "Add your organisation's name and logo to the organisations supporting the Call to Action for the social service workforce.", ES: "Sume el nombre y el logotipo de su organización a las que respaldan el Llamado a la acción por la fuerza laboral del servicio social."},
		"cta.sign.lede":        {EN: "Add your organisation's name and logo to those supporting the Call to Action. It takes a few minutes.", ES: "Sume el nombre y el logotipo de su organización a las que respaldan el Llamado a la acción. Solo le llevará unos minutos."},
		"cta.sign.steps":       {EN: "We will email you a link to confirm. Our staff then check every signature before it appears on the site.", ES: "Le enviaremos por correo un enlace para confirmar. Después, nuestro equipo revisa cada firma antes de publicarla en el sitio."},
		"cta.sign.privacy":     {EN: "We never publish your contact details. We use them only to confirm this signature and to write to you about it.", ES: "Nunca publicamos sus datos de contacto. Solo los usamos para confirmar esta firma y para escribirle sobre ella."},

		// The form.
		"cta.sign.summary":            {EN: "There is a problem", ES: "Hay un problema"},
		"cta.sign.optional":           {EN: "(optional)", ES: "(opcional)"},
		"cta.sign.section.org":        {EN: "Your organisation", ES: "Su organización"},
		"cta.sign.section.logo":       {EN: "Your logo", ES: "Su logotipo"},
		"cta.sign.section.person":     {EN: "Who we should contact", ES: "A quién debemos escribir"},
		"cta.sign.section.send":       {EN: "Permission to publish", ES: "Permiso para publicar"},
		"cta.sign.name":               {EN: "Organisation name", ES: "Nombre de la organización"},
		"cta.sign.name.hint":          {EN: "As you would like it to appear on the site.", ES: "Tal como quiere que aparezca en el sitio."},
		"cta.sign.website":            {EN: "Website", ES: "Sitio web"},
		"cta.sign.website.hint":       {EN: "Your organisation's address on the web, for example https://www.example.org. Your logo will link to it.", ES: "La dirección web de su organización, por ejemplo https://www.example.org. Su logotipo enlazará a ella."},
		"cta.sign.country":            {EN: "Country", ES: "País"},
		"cta.sign.country.hint":       {EN: "Where your organisation is based. For an international organisation, where its head office is.", ES: "Donde tiene su sede la organización. Para una organización internacional, el país de su oficina central."},
		"cta.sign.country.choose":     {EN: "Choose a country", ES: "Elija un país"},
		"cta.sign.type":               {EN: "Type of organisation", ES: "Tipo de organización"},
		"cta.sign.contact_name":       {EN: "Contact name", ES: "Nombre de contacto"},
		"cta.sign.contact_name.hint":  {EN: "The person we should write to about this signature.", ES: "La persona a quien debemos escribir sobre esta firma."},
		"cta.sign.contact_email":      {EN: "Contact email", ES: "Correo electrónico de contacto"},
		"cta.sign.contact_email.hint": {EN: "We will send the confirmation link here. An address at your organisation's own domain helps our review.", ES: "Enviaremos aquí el enlace de confirmación. Una dirección del dominio de su organización facilita nuestra revisión."},
		"cta.sign.role":               {EN: "Role", ES: "Cargo"},
		"cta.sign.role.hint":          {EN: "The contact's role in the organisation, for example Director or Communications officer.", ES: "El cargo de la persona de contacto en la organización, por ejemplo Directora u Oficial de comunicación."},
		"cta.sign.statement":          {EN: "Statement of support", ES: "Declaración de apoyo"},
		"cta.sign.statement.hint":     {EN: "Up to 500 characters: why your organisation supports the Call to Action.", ES: "Hasta 500 caracteres: por qué su organización respalda el Llamado a la acción."},
		"cta.sign.logo":               {EN: "Logo", ES: "Logotipo"},
		"cta.sign.logo.hint":          {EN: "A PNG, JPEG, WebP or GIF file, up to 5 MB. Logos on a white or transparent background look best. If your logo is an SVG, export it as a PNG first.", ES: "Un archivo PNG, JPEG, WebP o GIF de hasta 5 MB. Los logotipos sobre fondo blanco o transparente se ven mejor. Si su logotipo es un SVG, expórtelo antes como PNG."},
		"cta.sign.logo.kept":          {EN: "We have your logo. To replace it, choose another file.", ES: "Ya tenemos su logotipo. Para cambiarlo, elija otro archivo."},
		"cta.sign.logo.current":       {EN: "Your logo as it will appear", ES: "Su logotipo tal como aparecerá"},
		"cta.sign.logo.keep_current":  {EN: "To keep the logo you sent, leave this empty.", ES: "Para conservar el logotipo que envió, deje este campo vacío."},
		"cta.sign.consent":            {EN: "We agree that our organisation's name and logo are shown publicly on this site and in the list of signatories anyone can download.", ES: "Aceptamos que el nombre y el logotipo de nuestra organización se muestren públicamente en este sitio y en la lista de firmantes que cualquiera puede descargar."},
		"cta.sign.trap":               {EN: "Leave this empty", ES: "Deje este campo vacío"},
		"cta.sign.submit":             {EN: "Sign the Call to Action", ES: "Firmar el Llamado a la acción"},

		// Check your email.
		"cta.sign.sent.title":       {EN: "Check your email", ES: "Revise su correo"},
		"cta.sign.sent.description": {EN: "Confirm your organisation's signature of the Call to Action with the link we emailed you.", ES: "Confirme la firma de su organización con el enlace que le enviamos por correo."},
		"cta.sign.sent.panel":       {EN: "We have emailed you a link to confirm your signature.", ES: "Le enviamos por correo un enlace para confirmar su firma."},
		"cta.sign.sent.open":        {EN: "Open the email and select Confirm on the page the link opens. Until you do, we do nothing with your signature.", ES: "Abra el correo y pulse Confirmar en la página que abre el enlace. Hasta entonces, no hacemos nada con su firma."},
		"cta.sign.sent.expiry":      {EN: "The link works for 7 days. After that we delete the signature, and you would need to sign again.", ES: "El enlace funciona durante 7 días. Después borramos la firma y tendría que firmar de nuevo."},
		"cta.sign.sent.once":        {EN: "We send at most one confirmation email an hour to an address: to sign for another organisation with the same address, confirm the first one, or wait an hour.", ES: "Enviamos como máximo un correo de confirmación por hora a cada dirección: para firmar por otra organización con la misma dirección, confirme la primera o espere una hora."},
		"cta.sign.next":             {EN: "What happens next", ES: "Qué pasa después"},
		"cta.sign.next.review":      {EN: "Once you confirm, our staff check the details and the logo, usually within a few working days. We will email you when your organisation is added, or if we need anything else.", ES: "Cuando confirme, nuestro equipo revisa los datos y el logotipo, normalmente en pocos días hábiles. Le escribiremos cuando su organización aparezca en el sitio o si necesitamos algo más."},
		"cta.sign.missing":          {EN: "Did not get the email?", ES: "¿No recibió el correo?"},
		"cta.sign.missing.wait":     {EN: "It can take a few minutes to arrive. Look in your spam or junk folder too.", ES: "Puede tardar unos minutos en llegar. Busque también en la carpeta de correo no deseado."},
		"cta.sign.missing.again":    {EN: "If it has still not arrived, sign again and check the email address as you type it.", ES: "Si sigue sin llegar, vuelva a firmar y revise la dirección de correo al escribirla."},
		"cta.sign.again":            {EN: "Sign again", ES: "Volver a firmar"},

		// Confirm (from the first email).
		"cta.confirm.title":       {EN: "Confirm your signature", ES: "Confirme su firma"},
		"cta.confirm.description": {EN: "Confirm that your organisation supports the Call to Action.", ES: "Confirme que su organización respalda el Llamado a la acción."},
		"cta.confirm.org":         {EN: "Organisation", ES: "Organización"},
		"cta.confirm.text":        {EN: "Select Confirm to send this signature to our staff for review.", ES: "Pulse Confirmar para enviar esta firma a nuestro equipo para su revisión."},
		"cta.confirm.button":      {EN: "Confirm", ES: "Confirmar"},
		"cta.confirm.not_you":     {EN: "If you did not sign, ignore this page and the email: without confirmation, nothing is published and we delete the signature after 7 days.", ES: "Si usted no firmó, ignore esta página y el correo: sin confirmación no se publica nada y borramos la firma a los 7 días."},
		"cta.confirmed.title":     {EN: "Thank you: your signature is confirmed", ES: "Gracias: su firma está confirmada"},
		"cta.confirmed.text":      {EN: "Our staff will review it, usually within a few working days. We will email you when your organisation appears on the site, or if we need anything else.", ES: "Nuestro equipo la revisará, normalmente en pocos días hábiles. Le escribiremos cuando su organización aparezca en el sitio o si necesitamos algo más."},
		"cta.confirmed.back":      {EN: "Back to the Call to Action", ES: "Volver al Llamado a la acción"},

		// A link that no longer works.
		"cta.link.title": {EN: "This link has expired or has already been used", ES: "Este enlace caducó o ya se usó"},
		"cta.link.text":  {EN: "The links in our emails work once, and only for a limited time. If you already used this one, there is nothing more to do: we will email you about your signature.", ES: "Los enlaces de nuestros correos funcionan una sola vez y durante un tiempo limitado. Si ya usó este, no tiene que hacer nada más: le escribiremos sobre su firma."},
		"cta.link.again": {EN: "Otherwise, you can sign again.", ES: "Si no, puede volver a firmar."},

		// Change a signature (after staff asked for changes).
		"cta.change.title":       {EN: "Update your signature", ES: "Actualice su firma"},
		"cta.change.description": {EN: "Correct your organisation's details or logo, as our staff asked.", ES: "Corrija los datos o el logotipo de su organización, como le pidió nuestro equipo."},
		"cta.change.lede":        {EN: "Our staff asked you to change a few things before your organisation is added. Correct them below and send the form again; we will review it again.", ES: "Nuestro equipo le pidió cambiar algunos datos antes de sumar su organización. Corríjalos abajo y vuelva a enviar el formulario; lo revisaremos de nuevo."},
		"cta.change.note":        {EN: "What our staff asked", ES: "Qué le pidió nuestro equipo"},
		"cta.change.submit":      {EN: "Send the changes", ES: "Enviar los cambios"},
		"cta.changed.title":      {EN: "Thank you: your changes are sent", ES: "Gracias: sus cambios se enviaron"},
		"cta.changed.text":       {EN: "Our staff will review them, usually within a few working days. We will email you when your organisation appears on the site, or if we need anything else.", ES: "Nuestro equipo los revisará, normalmente en pocos días hábiles. Le escribiremos cuando su organización aparezca en el sitio o si necesitamos algo más."},

		// Withdraw (from the approval email).
		"cta.withdraw.title":       {EN: "Withdraw your signature", ES: "Retire su firma"},
		"cta.withdraw.description": {EN: "Remove your organisation's name and logo from the Call to Action.", ES: "Quite el nombre y el logotipo de su organización del Llamado a la acción."},
		"cta.withdraw.text":        {EN: "This removes your organisation's name and logo from this site and from the list of signatories. You can sign again at any time.", ES: "Esto quita el nombre y el logotipo de su organización de este sitio y de la lista de firmantes. Puede volver a firmar cuando quiera."},
		"cta.withdraw.button":      {EN: "Withdraw our signature", ES: "Retirar nuestra firma"},
		"cta.withdrawn.title":      {EN: "Your signature is withdrawn", ES: "Su firma fue retirada"},
		"cta.withdrawn.text":       {EN: "Your organisation's name and logo no longer appear on this site or in the list of signatories. Thank you for your support. If you change your mind, you can sign again.", ES: "El nombre y el logotipo de su organización ya no aparecen en este sitio ni en la lista de firmantes. Gracias por su apoyo. Si cambia de opinión, puede volver a firmar."},
		"cta.withdraw.not_shown":   {EN: "Your organisation is not shown on this site at the moment, so there is nothing to withdraw. If you have questions, reply to the email we sent you.", ES: "Su organización no se muestra en este sitio por ahora, así que no hay nada que retirar. Si tiene preguntas, responda al correo que le enviamos."},

		// The list of signatories.
		"cta.list.title":         {EN: "Signatories of the Call to Action", ES: "Firmantes del Llamado a la acción"},
		"cta.list.description":   {EN: "Every organisation supporting the Call to Action for the social service workforce, by country and type, with open data to download.", ES: "Todas las organizaciones que respaldan el Llamado a la acción por la fuerza laboral del servicio social, por país y tipo, con datos abiertos para descargar."},
		"cta.list.lede":          {EN: "Every organisation that has signed the Call to Action.", ES: "Todas las organizaciones que han firmado el Llamado a la acción."},
		"cta.list.search":        {EN: "Search and filter", ES: "Buscar y filtrar"},
		"cta.list.q":             {EN: "Organisation name", ES: "Nombre de la organización"},
		"cta.list.q.hint":        {EN: "Part of the name is enough; accents and capitals do not matter.", ES: "Basta con parte del nombre; no importan las tildes ni las mayúsculas."},
		"cta.list.country":       {EN: "Country", ES: "País"},
		"cta.list.country.all":   {EN: "All countries", ES: "Todos los países"},
		"cta.list.type":          {EN: "Type of organisation", ES: "Tipo de organización"},
		"cta.list.type.all":      {EN: "All types", ES: "Todos los tipos"},
		"cta.list.apply":         {EN: "Apply", ES: "Aplicar"},
		"cta.list.clear":         {EN: "Clear filters", ES: "Quitar los filtros"},
		"cta.list.results":       {EN: "Organisations", ES: "Organizaciones"},
		"cta.list.count.one":     {EN: "1 organisation has signed", ES: "1 organización ha firmado"},
		"cta.list.count.other":   {EN: "{n} organisations have signed", ES: "{n} organizaciones han firmado"},
		"cta.list.match.one":     {EN: "1 organisation matches", ES: "1 organización coincide"},
		"cta.list.match.other":   {EN: "{n} organisations match", ES: "{n} organizaciones coinciden"},
		"cta.list.empty":         {EN: "No organisation matches. Try part of the name, or clear the filters.", ES: "Ninguna organización coincide. Pruebe con parte del nombre o quite los filtros."},
		"cta.list.none":          {EN: "No organisation has signed yet.", ES: "Todavía no ha firmado ninguna organización."},
		"cta.list.download":      {EN: "Download the data", ES: "Descargar los datos"},
		"cta.list.download.text": {EN: "Every signatory, without filters, and never any contact details:", ES: "Todas las firmantes, sin filtros, y nunca datos de contacto:"},
		"cta.list.csv":           {EN: "CSV, for spreadsheets", ES: "CSV, para hojas de cálculo"},
		"cta.list.json":          {EN: "JSON, for developers", ES: "JSON, para desarrolladores"},
		"cta.list.error.country": {EN: "No organisation from “{v}” has signed: choose a country from the list", ES: "Ninguna organización de «{v}» ha firmado: elija un país de la lista"},
		"cta.list.error.type":    {EN: "There is no type “{v}”: choose one from the list", ES: "No existe el tipo «{v}»: elija uno de la lista"},
		"cta.list.error.q":       {EN: "Search for {max} characters or fewer", ES: "Escriba {max} caracteres como máximo"},
	})
}
