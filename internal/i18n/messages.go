package i18n

// T returns the interface text with key in l, falling back to English. A
// key missing from the catalogue returns the key itself, which the catalogue
// test catches before it reaches a visitor.
func (l Lang) T(key string) string {
	m, ok := catalogue[key]
	if !ok {
		return key
	}
	if s := m[l]; s != "" {
		return s
	}
	return m[EN]
}

// register adds a part of the catalogue (each part of the site keeps its
// interface text in its own messages_*.go file). A key defined twice is a
// programming error caught at start.
func register(part map[string]map[Lang]string) {
	for k, v := range part {
		if _, dup := catalogue[k]; dup {
			panic("i18n: key " + k + " defined twice")
		}
		catalogue[k] = v
	}
}

// catalogue holds every piece of interface text in every language.
var catalogue = map[string]map[Lang]string{
	"home.sdg.title":          {EN: "The social service workforce helps reach the Sustainable Development Goals (SDGs):", ES: "La fuerza laboral del servicio social ayuda a alcanzar los Objetivos de Desarrollo Sostenible (ODS):"},
	"home.sdg.1":              {EN: "SDG 1, no poverty: social service workers link families to cash transfers and services.", ES: "ODS 1, fin de la pobreza: conecta a las familias con transferencias monetarias y servicios."},
	"home.sdg.3":              {EN: "SDG 3, good health: they support people living with HIV and help them stay in care.", ES: "ODS 3, salud y bienestar: acompaña a las personas con VIH y las ayuda a mantener su atención."},
	"home.sdg.4":              {EN: "SDG 4, quality education: they help children stay in school.", ES: "ODS 4, educación de calidad: ayuda a que niñas y niños sigan en la escuela."},
	"home.sdg.5":              {EN: "SDG 5, gender equality: they respond to gender-based violence.", ES: "ODS 5, igualdad de género: responde a la violencia de género."},
	"home.sdg.16":             {EN: "SDG target 16.2, ending violence against children: they protect children from abuse and exploitation.", ES: "Meta 16.2 de los ODS, fin de la violencia contra la infancia: protege a niñas y niños del abuso y la explotación."},
	"home.sdg.footer":         {EN: "A strong, supported workforce makes these goals reachable.", ES: "Una fuerza laboral fuerte y apoyada hace alcanzables estas metas."},
	"site.name":               {EN: "Social Service Workforce Advocacy", ES: "Incidencia por la Fuerza Laboral del Servicio Social"},
	"site.short":              {EN: "SSW Advocacy", ES: "Incidencia SSW"},
	"skip":                    {EN: "Skip to main content", ES: "Saltar al contenido principal"},
	"nav.label":               {EN: "Main", ES: "Principal"},
	"nav.key_messages":        {EN: "Key messages", ES: "Mensajes clave"},
	"nav.call":                {EN: "Call to Action", ES: "Llamado a la acción"},
	"nav.toolkit":             {EN: "Toolkit", ES: "Herramientas"},
	"nav.resources":           {EN: "Resources", ES: "Recursos"},
	"nav.sswweek":             {EN: "SSWWeek", ES: "SSWWeek"},
	"nav.events":              {EN: "Events", ES: "Eventos"},
	"lang.switch":             {EN: "Language", ES: "Idioma"},
	"footer.about":            {EN: "A campaign of the Global Social Service Workforce Alliance, for the people who protect children and support families.", ES: "Una campaña de la Alianza Global para la Fuerza Laboral del Servicio Social, por quienes protegen a la infancia y apoyan a las familias."},
	"footer.feed":             {EN: "Blog feed (Atom)", ES: "Canal del blog (Atom)"},
	"footer.calendar":         {EN: "Calendar feed (iCalendar)", ES: "Calendario (iCalendar)"},
	"og.image.alt":            {EN: "Why support the social service workforce? Messages, tools and dates for advocates.", ES: "¿Por qué apoyar a la fuerza laboral del servicio social? Mensajes, herramientas y fechas para la incidencia."},
	"footer.follow":           {EN: "Follow the Alliance", ES: "Siga a la Alianza"},
	"fallback.note":           {EN: "This page has not been translated yet, so it is shown in English.", ES: "Esta página aún no está traducida; se muestra en inglés."},
	"fallback.partial":        {EN: "Parts of this page have not been translated yet, so they are shown in English.", ES: "Algunas partes de esta página aún no están traducidas; se muestran en inglés."},
	"home.tools":              {EN: "Tools for your advocacy", ES: "Herramientas para su incidencia"},
	"error.status":            {EN: "Error", ES: "Error"},
	"error.home":              {EN: "Go to the home page", ES: "Ir a la página de inicio"},
	"form.error.prefix":       {EN: "Error:", ES: "Error:"}, // before each form problem, for screen readers
	"error.400.title":         {EN: "The form could not be read", ES: "No se pudo leer el formulario"},
	"error.400.text":          {EN: "What was sent could not be read, perhaps because the upload was interrupted. Go back, reload the page and try again.", ES: "No pudimos leer lo que se envió; quizá la carga se interrumpió. Vuelva atrás, recargue la página e inténtelo de nuevo."},
	"error.403.title":         {EN: "Request refused", ES: "Solicitud rechazada"},
	"error.403.text":          {EN: "This request was refused because it did not come from this site. If you followed a link or submitted a form elsewhere, go to the page on this site and try again.", ES: "Rechazamos esta solicitud porque no provenía de este sitio. Si siguió un enlace o envió un formulario desde otro lugar, vaya a la página en este sitio e inténtelo de nuevo."},
	"error.404.title":         {EN: "Page not found", ES: "Página no encontrada"},
	"error.404.text":          {EN: "We could not find the page you asked for. It may have moved, or the address may be mistyped.", ES: "No encontramos la página que buscaba. Puede que se haya movido o que la dirección tenga un error."},
	"error.405.title":         {EN: "Method not allowed", ES: "Método no permitido"},
	"error.405.text":          {EN: "This page cannot be used that way. Go back and try again from a link or form on this site.", ES: "Esta página no admite esa acción. Vuelva atrás e inténtelo desde un enlace o formulario de este sitio."},
	"error.500.title":         {EN: "Something went wrong", ES: "Algo salió mal"},
	"error.500.text":          {EN: "Sorry, we could not show this page because of a problem on our side. It has been logged; please try again in a few minutes.", ES: "Lo sentimos: un problema de nuestra parte impidió mostrar esta página. Quedó registrado; inténtelo de nuevo en unos minutos."},
	"error.503.title":         {EN: "Temporarily unavailable", ES: "No disponible por el momento"},
	"error.503.text":          {EN: "Sorry, the site cannot show this page right now. Please try again in a few minutes.", ES: "Lo sentimos, el sitio no puede mostrar esta página ahora. Inténtelo de nuevo en unos minutos."},
	"km.audiences":            {EN: "Choose your audience", ES: "Elija su público"},
	"km.messages":             {EN: "Messages", ES: "Mensajes"},
	"km.points":               {EN: "Supporting points", ES: "Argumentos de apoyo"},
	"km.sources":              {EN: "Sources", ES: "Fuentes"},
	"km.count":                {EN: "messages", ES: "mensajes"},
	"km.other":                {EN: "Messages for other audiences", ES: "Mensajes para otros públicos"},
	"cta.documents":           {EN: "Read the Call to Action", ES: "Lea el Llamado a la acción"},
	"cta.documents.none":      {EN: "The document will be available here soon.", ES: "El documento estará disponible aquí en breve."},
	"cta.recommendations":     {EN: "What it recommends", ES: "Qué recomienda"},
	"cta.level.country":       {EN: "At country level", ES: "A nivel nacional"},
	"cta.level.country.who":   {EN: "For governments, working with civil society, training institutions, unions and donors.", ES: "Para los gobiernos, junto con la sociedad civil, las instituciones de formación, los sindicatos y los donantes."},
	"cta.level.global":        {EN: "At global level", ES: "A nivel mundial"},
	"cta.level.global.who":    {EN: "For UN agencies, donors, international organisations and networks.", ES: "Para las agencias de la ONU, los donantes, las organizaciones internacionales y las redes."},
	"cta.signatories":         {EN: "Organisations supporting the Call to Action", ES: "Organizaciones que respaldan el Llamado a la acción"},
	"cta.signatories.one":     {EN: "organisation has signed.", ES: "organización lo ha firmado."},
	"cta.signatories.many":    {EN: "organisations have signed.", ES: "organizaciones lo han firmado."},
	"cta.wall.empty":          {EN: "The logos of supporting organisations will appear here.", ES: "Aquí aparecerán los logotipos de las organizaciones que lo respaldan."},
	"toolkit.document":        {EN: "The toolkit", ES: "El conjunto de herramientas"},
	"toolkit.released":        {EN: "Released", ES: "Publicado"},
	"toolkit.by":              {EN: "Developed by", ES: "Elaborado por"},
	"toolkit.components":      {EN: "What is in the toolkit", ES: "Qué contiene"},
	"toolkit.resources":       {EN: "resources", ES: "recursos"},
	"km.document":             {EN: "All the key messages in one document", ES: "Todos los mensajes clave en un documento"},
	"home.infographic":        {EN: "The workforce and the Sustainable Development Goals", ES: "La fuerza laboral y los Objetivos de Desarrollo Sostenible"},
	"home.infographic.alt":    {EN: "Infographic: how the social service workforce helps reach five Sustainable Development Goals. The full text follows the image.", ES: "Infografía: cómo la fuerza laboral del servicio social ayuda a alcanzar cinco Objetivos de Desarrollo Sostenible. El texto completo sigue a la imagen."},
	"home.infographic.text":   {EN: "The infographic as text", ES: "La infografía en texto"},
	"home.infographic.source": {EN: "From the Global Advocacy Toolkit's first piece, an SDG infographic (March 2017).", ES: "Basada en la primera pieza de las herramientas globales de incidencia, una infografía sobre los ODS (marzo de 2017)."},
	"home.events":             {EN: "Coming up", ES: "Próximas fechas"},
	"home.events.all":         {EN: "See the whole advocacy calendar", ES: "Vea todo el calendario de incidencia"},
	"home.events.none":        {EN: "Nothing is scheduled in the coming months yet.", ES: "Aún no hay fechas previstas para los próximos meses."},
	"home.sswweek":            {EN: "Latest Social Service Workforce Week", ES: "Última Semana de la Fuerza Laboral del Servicio Social"},
	"home.sswweek.link":       {EN: "Explore this edition", ES: "Explore esta edición"},
	"breadcrumb.label":        {EN: "Breadcrumb", ES: "Ruta de navegación"},
	"breadcrumb.home":         {EN: "Home", ES: "Inicio"},
}
