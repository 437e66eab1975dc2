package i18n

// What every email to a contact or a subscriber opens and closes with.
func init() {
	register(map[string]map[Lang]string{
		"email.greeting":           {EN: "Hello {name},", ES: "Hola, {name}:"},
		"email.greeting.anonymous": {EN: "Hello,", ES: "Hola:"},
		"email.campaign":           {EN: "Social Service Workforce campaign", ES: "Campaña por la fuerza laboral de servicios sociales"},
	})
}
