package i18n

// The "Add to calendar" link beside each event, and the text of the
// single-event iCalendar files it downloads. Placeholders in braces are
// filled in by the handler.
func init() {
	register(map[string]map[Lang]string{
		"ics.add":           {EN: "Add to calendar", ES: "Añadir al calendario"},
		"ics.add_week":      {EN: "Add the week to your calendar", ES: "Añadir la semana a su calendario"},
		"ics.join":          {EN: "Join: {url}", ES: "Para participar: {url}"},
		"ics.details":       {EN: "Details: {url}", ES: "Más información: {url}"},
		"ics.more":          {EN: "More about it: {url}", ES: "Más sobre esta fecha: {url}"},
		"ics.hashtag":       {EN: "Follow and take part with {hashtag}.", ES: "Siga y participe con {hashtag}."},
		"ics.chat_location": {EN: "X (Twitter), {hashtag}", ES: "X (Twitter), {hashtag}"},
		"ics.questions":     {EN: "The questions", ES: "Las preguntas"},
		"ics.question":      {EN: "Q{n}.", ES: "P{n}."}, // answered A1, R1 on the network
		"ics.zone":          {EN: "Times: {zone} ({tz}).", ES: "Horario: {zone} ({tz})."},
	})
}
