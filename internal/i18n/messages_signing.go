package i18n

// Messages of the sign form's checks, shared by the public form and the
// staff's copy of it, the names of organisation types, and the emails of
// the signing workflow (with the opening and closing every email shares).
func init() {
	register(map[string]map[Lang]string{
		"org.type.ngo":            {EN: "Non-governmental organisation", ES: "Organización no gubernamental"},
		"org.type.government":     {EN: "Government", ES: "Gobierno"},
		"org.type.academic":       {EN: "Academic or research institution", ES: "Institución académica o de investigación"},
		"org.type.un-agency":      {EN: "UN agency", ES: "Agencia de la ONU"},
		"org.type.network":        {EN: "Network or association", ES: "Red o asociación"},
		"org.type.private-sector": {EN: "Private sector", ES: "Sector privado"},
		"org.type.other":          {EN: "Other", ES: "Otro"},

		"sign.error.name.required":          {EN: "Enter your organisation's name", ES: "Escriba el nombre de su organización"},
		"sign.error.name.long":              {EN: "Shorten the organisation's name to 200 characters or fewer", ES: "Acorte el nombre de la organización a 200 caracteres como máximo"},
		"sign.error.website.required":       {EN: "Enter your organisation's website, like www.example.org", ES: "Escriba el sitio web de su organización, como www.ejemplo.org"},
		"sign.error.website.long":           {EN: "Enter a website address of 300 characters or fewer", ES: "Escriba una dirección web de 300 caracteres como máximo"},
		"sign.error.website.invalid":        {EN: "Enter the website as an address, like www.example.org or https://example.org", ES: "Escriba el sitio web como una dirección, como www.ejemplo.org o https://ejemplo.org"},
		"sign.error.country.required":       {EN: "Choose the country where your organisation is based", ES: "Elija el país donde tiene su sede la organización"},
		"sign.error.country.invalid":        {EN: "Choose a country from the list", ES: "Elija un país de la lista"},
		"sign.error.type.required":          {EN: "Choose the kind of organisation", ES: "Elija el tipo de organización"},
		"sign.error.type.invalid":           {EN: "Choose one of the kinds of organisation listed", ES: "Elija uno de los tipos de organización de la lista"},
		"sign.error.contact_name.required":  {EN: "Enter the name of the person we can contact", ES: "Escriba el nombre de la persona de contacto"},
		"sign.error.contact_name.long":      {EN: "Shorten the name to 120 characters or fewer", ES: "Acorte el nombre a 120 caracteres como máximo"},
		"sign.error.contact_email.required": {EN: "Enter an email address: we send a link to it to confirm", ES: "Escriba un correo electrónico: le enviaremos un enlace para confirmar"},
		"sign.error.contact_email.invalid":  {EN: "Enter an email address in the right form, like name@example.org", ES: "Escriba un correo electrónico válido, como nombre@ejemplo.org"},
		"sign.error.role.required":          {EN: "Enter the contact's role in the organisation, like Director", ES: "Escriba el cargo de la persona de contacto, como Directora"},
		"sign.error.role.long":              {EN: "Shorten the role to 120 characters or fewer", ES: "Acorte el cargo a 120 caracteres como máximo"},
		"sign.error.statement.long":         {EN: "Shorten the statement to 500 characters or fewer", ES: "Acorte la declaración a 500 caracteres como máximo"},
		"sign.error.consent.required":       {EN: "Tick the box to let us show your organisation's name and logo, or we cannot add it", ES: "Marque la casilla para que podamos mostrar el nombre y el logotipo; sin ello no podemos añadirla"},

		"sign.error.logo.required":      {EN: "Choose your organisation's logo: a PNG, JPEG, WebP or GIF file", ES: "Elija el logotipo de su organización: un archivo PNG, JPEG, WebP o GIF"},
		"sign.error.logo.large":         {EN: "The logo file is larger than 5 MB: export a smaller PNG or JPEG and choose it again", ES: "El archivo del logotipo pesa más de 5 MB: exporte un PNG o JPEG más liviano y vuelva a elegirlo"},
		"sign.error.logo.svg":           {EN: "SVG files cannot be used: export the logo as a PNG from your design program and choose that file", ES: "No se aceptan archivos SVG: exporte el logotipo como PNG desde su programa de diseño y elija ese archivo"},
		"sign.error.logo.notimage":      {EN: "The file is not a PNG, JPEG, WebP or GIF image: save the logo as a PNG and choose it again", ES: "El archivo no es una imagen PNG, JPEG, WebP o GIF: guarde el logotipo como PNG y vuelva a elegirlo"},
		"sign.error.logo.corrupt":       {EN: "The image could not be read, perhaps it was cut short: save the logo again as a PNG and choose the new file", ES: "No se pudo leer la imagen, quizá está incompleta: vuelva a guardar el logotipo como PNG y elija el archivo nuevo"},
		"sign.error.logo.pixels":        {EN: "The image is too large (over 25 megapixels): resize it to at most 2000 pixels wide and try again", ES: "La imagen es demasiado grande (más de 25 megapíxeles): redúzcala a 2000 píxeles de ancho como máximo e intente de nuevo"},
		"sign.error.logo.small":         {EN: "The image is too small to read: use a larger version of the logo", ES: "La imagen es demasiado pequeña para leerse: use una versión más grande del logotipo"},
		"sign.error.form.expired":       {EN: "The form could not be read: reload the page and try again", ES: "No se pudo leer el formulario: vuelva a cargar la página e intente de nuevo"},
		"sign.error.form.large":         {EN: "The form was too large to send: choose a logo of 5 MB or less", ES: "El formulario era demasiado grande: elija un logotipo de 5 MB como máximo"},
		"sign.error.name.link":          {EN: "Enter the name without a web or email address, or anything like one such as example.org (if the name has a dot, put a space after it)", ES: "Escriba el nombre sin direcciones web ni de correo, ni nada parecido como ejemplo.org (si el nombre lleva un punto, deje un espacio después)"},
		"sign.error.contact_name.link":  {EN: "Enter the contact's name without a web or email address, or anything like one such as example.org", ES: "Escriba el nombre de la persona de contacto sin direcciones web ni de correo, ni nada parecido como ejemplo.org"},
		"sign.error.contact_email.sent": {EN: "We sent a confirmation email to this address less than an hour ago, and send at most one an hour: open the link in it, or sign again after an hour", ES: "Enviamos un correo de confirmación a esta dirección hace menos de una hora, y enviamos uno por hora como máximo: abra el enlace que contiene o vuelva a firmar dentro de una hora"},
		"sign.error.text":               {EN: "This contains characters that are not text (shown as \ufffd): type it again and send the form", ES: "Contiene caracteres que no son texto (se muestran como \ufffd): vuelva a escribirlo y envíe el formulario"},
		"sign.error.logo.quota":         {EN: "We are receiving a great many logos just now and cannot take yours this hour: please try again later, or email us the logo", ES: "Estamos recibiendo muchísimos logotipos en este momento y no podemos aceptar el suyo esta hora: intente más tarde o envíenos el logotipo por correo"},
		"sign.error.logo.again":         {EN: "Choose the logo file again: it could not be kept while the site had a problem", ES: "Vuelva a elegir el archivo del logotipo: no se pudo conservar mientras el sitio tenía un problema"},
		"sign.error.logo.quota.address": {EN: "Several logos have already been sent from your connection this hour: please send the form again in an hour, or email us the logo", ES: "Ya se enviaron varios logotipos desde su conexión en esta hora: vuelva a enviar el formulario dentro de una hora o envíenos el logotipo por correo"},
		"sign.error.logo.busy":          {EN: "The site is receiving many logos just now and could not read yours: choose the file again and send the form in a moment (nothing else you typed is lost)", ES: "El sitio está recibiendo muchos logotipos en este momento y no pudo leer el suyo: vuelva a elegir el archivo y envíe el formulario en un momento (no se perdió nada más de lo que escribió)"},
		"sign.error.logo.deep":          {EN: "The image takes too much memory to read (too many pixels for its colour depth, such as 16 bits per colour): save it as an 8-bit PNG or JPEG at most 2000 pixels wide and choose it again", ES: "La imagen ocupa demasiada memoria para leerse (demasiados píxeles para su profundidad de color, como 16 bits por color): guárdela como PNG o JPEG de 8 bits de 2000 píxeles de ancho como máximo y vuelva a elegirla"},
		"sign.error.form.unavailable":   {EN: "We could not save the form just now, as the site is having a brief problem. Nothing you typed is lost: send it again in a moment.", ES: "No pudimos guardar el formulario en este momento por un problema pasajero del sitio. No se perdió nada de lo que escribió: vuelva a enviarlo en un momento."},

		// The confirmation email's subject is fixed: nothing a visitor
		// typed goes in it.
		"sign.email.confirm.subject": {EN: "Confirm your organisation's signature of the Call to Action", ES: "Confirme la firma de su organización del Llamado a la acción"},
		"sign.error.form.ratelimit":  {EN: "Too many organisations have been signed up from your connection in the last hour. Please try again in an hour, or email us your logo instead.", ES: "Se registraron demasiadas organizaciones desde su conexión en la última hora. Intente de nuevo dentro de una hora o envíenos el logotipo por correo."},

		// What every email to a contact or a subscriber opens and closes with.
		"email.greeting":           {EN: "Hello {name},", ES: "Hola, {name}:"},
		"email.greeting.anonymous": {EN: "Hello,", ES: "Hola:"},
		"email.campaign":           {EN: "Social Service Workforce campaign", ES: "Campaña por la fuerza laboral de servicios sociales"},

		// The emails of the signing workflow, to an organisation's contact.
		// {org} is the organisation's name.
		"sign.email.thanks": {EN: "Thank you for standing with the people who protect children and support families.", ES: "Gracias por apoyar a quienes protegen a la niñez y acompañan a las familias."},

		"sign.email.confirm.request": {EN: "We received a request to add {org} as a signatory of the Call to Action, with you as its contact.", ES: "Recibimos una solicitud para sumar a {org} como firmante del Llamado a la acción, con usted como contacto."},
		"sign.email.confirm.open":    {EN: "To confirm it came from you, open this link and press \"Confirm\":", ES: "Para confirmar que la envió usted, abra este enlace y pulse «Confirmar»:"},
		"sign.email.confirm.expiry":  {EN: "The link stops working after 7 days. If you did not make this request, ignore this email: unconfirmed requests are deleted.", ES: "El enlace vence en 7 días. Si usted no hizo esta solicitud, ignore este mensaje: sin confirmación, la borramos."},

		"sign.email.approved.subject":  {EN: "{org} is now a signatory", ES: "{org} ya figura entre los firmantes"},
		"sign.email.approved.shown":    {EN: "We have reviewed the request, and {org}'s logo is now shown with the organisations supporting the Call to Action:", ES: "Revisamos la solicitud y el logotipo de {org} ya aparece entre las organizaciones que respaldan el Llamado a la acción:"},
		"sign.email.approved.share":    {EN: "Tell others you signed: your organisation's page has a \"We support the Call to Action\" badge for your website and a post to share. The page is yours to keep:", ES: "Cuente que firmó: la página de su organización tiene un distintivo «Apoyamos el Llamado a la acción» para su sitio web y un mensaje para compartir. Guarde la página:"},
		"sign.email.approved.withdraw": {EN: "If your organisation ever wants to withdraw its signature, use this personal link (please do not share it):", ES: "Si algún día su organización desea retirar su firma, use este enlace personal (no lo comparta):"},

		"sign.email.rejected.subject": {EN: "About {org}'s signature", ES: "Sobre la firma de {org}"},
		"sign.email.rejected.sorry":   {EN: "Thank you for your interest. We are not able to add {org} to the signatories of the Call to Action this time.", ES: "Gracias por su interés. Esta vez no podemos sumar a {org} a los firmantes del Llamado a la acción."},
		"sign.email.rejected.reason":  {EN: "Reason: {reason}", ES: "Motivo: {reason}"},
		"sign.email.rejected.note":    {EN: "A note from the team: {note}", ES: "Nota del equipo: {note}"},
		"sign.email.rejected.mistake": {EN: "If you think this is a mistake, reply to this email or send a new request.", ES: "Si cree que se trata de un error, responda a este mensaje o envíe una nueva solicitud."},

		"sign.email.changes.subject": {EN: "One change before we show {org}'s signature", ES: "Un cambio antes de publicar la firma de {org}"},
		"sign.email.changes.needed":  {EN: "We have reviewed the request from {org} and need one change before we show it:", ES: "Revisamos la solicitud de {org} y necesitamos un cambio antes de mostrarla:"},
		"sign.email.changes.fix":     {EN: "Fix the details or the logo here (the form holds what you sent):", ES: "Corrija los datos o el logotipo aquí (el formulario conserva lo que envió):"},
		"sign.email.changes.expiry":  {EN: "The link works for 30 days.", ES: "El enlace vence en 30 días."},
	})
}
