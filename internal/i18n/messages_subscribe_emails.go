package i18n

// The emails of the subscription workflow. {lists} is one of the
// subscribe.email.lists.* phrases.
func init() {
	register(map[string]map[Lang]string{
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
