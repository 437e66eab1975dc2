package i18n

// The emails of the signing workflow, to an organisation's contact.
// {org} is the organisation's name.
func init() {
	register(map[string]map[Lang]string{
		"sign.email.thanks": {EN: "Thank you for standing with the people who protect children and support families.", ES: "Gracias por apoyar a quienes protegen a la niñez y acompañan a las familias."},

		"sign.email.confirm.request": {EN: "We received a request to add {org} as a signatory of the Call to Action, with you as its contact.", ES: "Recibimos una solicitud para sumar a {org} como firmante del Llamado a la acción, con usted como contacto."},
		"sign.email.confirm.open":    {EN: "To confirm it came from you, open this link and press \"Confirm\":", ES: "Para confirmar que la envió usted, abra este enlace y pulse «Confirmar»:"},
		"sign.email.confirm.expiry":  {EN: "The link stops working after 7 days. If you did not make this request, ignore this email: unconfirmed requests are deleted.", ES: "El enlace vence en 7 días. Si usted no hizo esta solicitud, ignore este mensaje: sin confirmación, la borramos."},

		"sign.email.approved.subject":  {EN: "{org} is now a signatory", ES: "{org} ya figura entre los firmantes"},
		"sign.email.approved.shown":    {EN: "We have reviewed the request, and {org}'s logo is now shown with the organisations supporting the Call to Action:", ES: "Revisamos la solicitud y el logotipo de {org} ya aparece entre las organizaciones que respaldan el Llamado a la acción:"},
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
