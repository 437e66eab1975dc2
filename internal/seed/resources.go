package seed

import (
	"strconv"
	"strings"
	"time"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

// loadResources writes the resource library: types (the toolkit's
// components among them), topics, resources and their PDF files.
func loadResources(w *writer) error {
	if err := each(resourceTypes(), w.resourceType); err != nil {
		return err
	}
	for _, t := range resourceTopics() {
		if _, err := w.create(content.TopicKind, "", content.Doc{"slug": t.slug, "name.en": t.en, "name.es": t.es}); err != nil {
			return err
		}
	}
	return each(demoResources(), w.resource)
}

type demoResourceType struct {
	slug    string
	toolkit bool
	texts   []resourceTypeText
}

func resourceTypeTexts(enName, enPlural, enDesc, esName, esPlural, esDesc string) []resourceTypeText {
	return []resourceTypeText{
		{Lang: i18n.EN, Name: enName, Plural: enPlural, Description: enDesc},
		{Lang: i18n.ES, Name: esName, Plural: esPlural, Description: esDesc},
	}
}

// resourceTypes are in display order: the six toolkit components first.
func resourceTypes() []demoResourceType {
	return []demoResourceType{
		{"narrative", true, resourceTypeTexts(
			"Narrative", "Narratives",
			"The story of why the workforce matters, told in a way you can adapt: start here to agree what your campaign is saying before you decide who hears it.",
			"Narrativa", "Narrativas",
			"El relato de por qué importa la fuerza laboral, contado de forma que pueda adaptarlo: empiece aquí para acordar qué dice su campaña antes de decidir quién lo escucha.")},
		{"case-study", true, resourceTypeTexts(
			"Case study", "Case studies",
			"How a country or programme strengthened its workforce and what changed as a result: evidence that persuades people who want proof it can be done.",
			"Estudio de caso", "Estudios de caso",
			"Cómo un país o un programa fortaleció su fuerza laboral y qué cambió: evidencia para convencer a quienes quieren pruebas de que es posible.")},
		{"story", true, resourceTypeTexts(
			"Story", "Stories",
			"A worker's day or a family's experience in a few paragraphs: the human detail that makes figures stick with journalists and the public.",
			"Historia", "Historias",
			"La jornada de una trabajadora o la experiencia de una familia en pocos párrafos: el detalle humano que hace que las cifras se recuerden.")},
		{"fact-sheet", true, resourceTypeTexts(
			"Fact sheet", "Fact sheets",
			"The key figures on one subject on a single page, with sources: for briefing officials and answering the question \"how big is the problem?\"",
			"Hoja informativa", "Hojas informativas",
			"Las cifras clave de un tema en una sola página, con fuentes: para informar a funcionarios y responder a la pregunta \"¿qué tan grande es el problema?\"")},
		{"infographic", true, resourceTypeTexts(
			"Infographic", "Infographics",
			"A picture of the argument for social media, presentations and posters, always with a full text version.",
			"Infografía", "Infografías",
			"El argumento en una imagen para redes sociales, presentaciones y carteles, siempre con una versión completa en texto.")},
		{"worksheet", true, resourceTypeTexts(
			"Worksheet", "Worksheets",
			"Step-by-step exercises for planning your own campaign: choosing audiences and partners, shaping messages, preparing media materials and measuring success.",
			"Ficha de trabajo", "Fichas de trabajo",
			"Ejercicios paso a paso para planificar su propia campaña: elegir públicos y aliados, dar forma a los mensajes, preparar materiales para medios y medir el éxito.")},
		{"report", false, resourceTypeTexts(
			"Report", "Reports",
			"Research and reviews of the state of the workforce.",
			"Informe", "Informes",
			"Investigaciones y análisis sobre la situación de la fuerza laboral.")},
		{"guide", false, resourceTypeTexts(
			"Guide", "Guides",
			"Practical guidance for people planning, managing or supporting the workforce.",
			"Guía", "Guías",
			"Orientación práctica para quienes planifican, gestionan o apoyan a la fuerza laboral.")},
		{"policy-brief", false, resourceTypeTexts(
			"Policy brief", "Policy briefs",
			"Short papers that put a recommendation in front of decision-makers.",
			"Nota de políticas", "Notas de políticas",
			"Documentos breves que presentan una recomendación a quienes toman decisiones.")},
		{"toolkit", false, resourceTypeTexts(
			"Toolkit", "Toolkits",
			"Collections of tools for a campaign or programme.",
			"Caja de herramientas", "Cajas de herramientas",
			"Colecciones de herramientas para una campaña o un programa.")},
		{"call-to-action", false, resourceTypeTexts(
			"Call to action", "Calls to action",
			"Statements that organisations sign to ask for change together.",
			"Llamado a la acción", "Llamados a la acción",
			"Declaraciones que las organizaciones firman para pedir cambios juntas.")},
		{"key-messages", false, resourceTypeTexts(
			"Key messages", "Key messages",
			"Tested messages written for a particular audience.",
			"Mensajes clave", "Mensajes clave",
			"Mensajes probados, escritos para un público concreto.")},
	}
}

type demoResourceTopic struct{ slug, en, es string }

func resourceTopics() []demoResourceTopic {
	return []demoResourceTopic{
		{"advocacy", "Advocacy", "Incidencia"},
		{"child-protection", "Child protection", "Protección de la infancia"},
		{"community-workers", "Community-level workers", "Trabajo comunitario"},
		{"emergencies", "Emergencies", "Emergencias"},
		{"health", "Health", "Salud"},
		{"migration", "Migration and children on the move", "Migración y niñez en movimiento"},
		{"sdgs", "Sustainable Development Goals", "Objetivos de Desarrollo Sostenible"},
		{"supervision", "Supervision", "Supervisión"},
		{"violence-against-children", "Violence against children", "Violencia contra la infancia"},
		{"workforce-planning", "Workforce planning", "Planificación de la fuerza laboral"},
	}
}

type demoResource struct {
	slug, typ   string
	year, month int
	org         string
	topics      []string
	texts       []resourceText // English first
	files       []demoResourceFile
	links       []resourceLink
}

// demoResourceFile is a PDF of a resource, printed from the resource's text in the
// document's language, or from title and summary where the resource has no
// text in that language.
type demoResourceFile struct {
	name, lang, label string
	title, summary    string
}

// pdf prints the document: title, who and when, summary and body.
func (f demoResourceFile) pdf(r demoResource) []byte {
	t := r.texts[0]
	for _, x := range r.texts {
		if string(x.Lang) == f.lang {
			t = x
		}
	}
	paras := []string{t.Summary}
	for _, p := range strings.Split(t.Body, "\n\n") {
		paras = append(paras, strings.NewReplacer("**", "", "- ", "• ").Replace(p))
	}
	if f.title != "" {
		t.Title, paras = f.title, []string{f.summary}
	}
	when := strconv.Itoa(r.year)
	if l, ok := i18n.Parse(f.lang); ok && r.month != 0 {
		when = l.Month(time.Date(r.year, time.Month(r.month), 1, 0, 0, 0, 0, time.UTC))
	}
	return pdfDocument(t.Title, r.org+" · "+when, paras...)
}

func enText(title, summary string, body ...string) resourceText {
	return resourceText{Lang: i18n.EN, Title: title, Summary: summary, Body: strings.Join(body, "\n\n")}
}

func esText(title, summary string, body ...string) resourceText {
	return resourceText{Lang: i18n.ES, Title: title, Summary: summary, Body: strings.Join(body, "\n\n")}
}

const (
	resAlliance     = "Global Social Service Workforce Alliance"
	resAllianceSite = "https://www.socialserviceworkforce.org/"
)

func demoResources() []demoResource {
	return []demoResource{
		{
			slug: "call-to-action", typ: "call-to-action", year: 2018, month: 5, org: resAlliance,
			topics: []string{"advocacy", "child-protection", "sdgs", "workforce-planning"},
			texts: []resourceText{
				enText("A Call to Action for Strengthening the Social Service Workforce to Better Protect Children and Achieve the Sustainable Development Goals",
					"Recommendations for governments and their partners, at country and at global level, on building a workforce able to keep children safe and help deliver the SDGs.",
					"The Alliance launched this Call to Action at its fifth annual symposium on 8 May 2018. It starts from a plain observation: the promises made in the Sustainable Development Goals about ending violence, reducing poverty and protecting children rely on people whose job is to reach families, and in many countries there are far too few of them.",
					"At country level, it asks governments to initiate, lead and engage in dialogue with their partners about how the workforce is planned, trained, paid and supervised, and then to write the answers into budgets and laws. At global level, it asks donors, UN agencies and networks to coordinate their support and to count the workforce in the data they collect.",
					"Organisations sign it to show they agree. Thirty-one had signed by September 2018 and more joined afterwards; every signature tells a ministry that the issue has friends."),
				esText("Llamado a la acción: fortalecer la fuerza laboral del servicio social para proteger mejor a la infancia y alcanzar los Objetivos de Desarrollo Sostenible",
					"Recomendaciones para los gobiernos y sus socios, a nivel nacional y mundial, para construir una fuerza laboral capaz de proteger a la infancia y contribuir a los ODS.",
					"La Alianza presentó este Llamado a la acción en su quinto simposio anual, el 8 de mayo de 2018. Parte de una constatación sencilla: las promesas de los Objetivos de Desarrollo Sostenible sobre la violencia, la pobreza y la protección de la infancia dependen de personas cuyo trabajo es llegar a las familias, y en muchos países son muy pocas.",
					"A nivel nacional, pide a los gobiernos iniciar, encabezar y sostener el diálogo con sus socios sobre cómo se planifica, forma, remunera y supervisa a la fuerza laboral, y llevar las respuestas a los presupuestos y las leyes. A nivel mundial, pide a donantes, agencias de la ONU y redes coordinar su apoyo e incluir a la fuerza laboral en los datos que recopilan.",
					"Las organizaciones lo firman para mostrar su acuerdo. En septiembre de 2018 ya lo habían firmado treinta y una, y otras se sumaron después; cada firma le dice a un ministerio que el tema tiene aliados."),
			},
			files: []demoResourceFile{
				{name: "call-to-action-en.pdf", lang: "en"},
				{name: "llamado-a-la-accion-es.pdf", lang: "es", label: "Descarga en español"},
			},
			links: []resourceLink{{URL: resAllianceSite, Label: "Global Social Service Workforce Alliance"}},
		},
		{
			slug: "key-messages", typ: "key-messages", year: 2018, org: resAlliance + ", Interest Group on Advocacy",
			topics: []string{"advocacy"},
			texts: []resourceText{
				enText("Key messages for advocating for the social service workforce",
					"Every message from the key messages pages in one document: what to say to donors, policymakers, journalists, the public and fellow professionals.",
					"Members of the Alliance's Interest Group on Advocacy wrote these messages so that nobody making the case for the workforce has to begin with a blank page. Each audience gets a handful of headline messages, the points that back them up, and the sources behind the points.",
					"Donors hear about value for money and lasting results; policymakers about legal duties and the Sustainable Development Goals; the media about the people behind the headlines; the public about who keeps children safe in their own community; and other professionals about working side by side.",
					"Print it for a meeting, copy a line into a letter, or translate it for a local campaign: the messages are meant to be adapted."),
				esText("Mensajes clave para la incidencia a favor de la fuerza laboral del servicio social",
					"Todos los mensajes de las páginas de mensajes clave en un solo documento: qué decir a donantes, responsables de políticas, periodistas, el público y otros profesionales.",
					"Integrantes del Grupo de Interés sobre Incidencia de la Alianza escribieron estos mensajes para que nadie tenga que defender a la fuerza laboral partiendo de cero. Cada público recibe unos pocos mensajes principales, los argumentos que los respaldan y sus fuentes.",
					"Imprímalo para una reunión, copie una frase en una carta o adáptelo a una campaña local: los mensajes están pensados para ser adaptados."),
			},
			files: []demoResourceFile{
				{name: "key-messages-en.pdf", lang: "en"},
				{name: "mensajes-clave-es.pdf", lang: "es"},
			},
		},
		{
			slug: "global-advocacy-toolkit", typ: "toolkit", year: 2017, month: 5, org: resAlliance + " and WithoutViolence",
			topics: []string{"advocacy", "health", "migration", "sdgs", "violence-against-children"},
			texts: []resourceText{
				enText("Global Advocacy Toolkit for the Social Service Workforce",
					"A shared set of tools and messages for making the social service workforce a political and programme priority, developed with WithoutViolence.",
					"The toolkit was released in May 2017. The Alliance developed it with WithoutViolence, with funding from USAID and PEPFAR through the 4Children project. It rests on evidence that programmes for vulnerable children and families work better where the workforce is strong, and on research into how decision-makers respond to different kinds of message.",
					"Its first part explains what the workforce is, who the Alliance is, and why advocacy is worth the effort. The second looks at what research says about persuasion and at the communication tools available. The third applies them to the Sustainable Development Goals, violence against children, health and migration, and the fourth walks through setting objectives, choosing a target audience and selecting tactics.",
					"Alongside the main document sit its components: narratives, case studies, stories, fact sheets, infographics and worksheets, each listed separately in this library."),
			},
			files: []demoResourceFile{{name: "global-advocacy-toolkit-en.pdf", lang: "en"}},
			links: []resourceLink{{URL: resAllianceSite, Label: "The Alliance's website"}},
		},
		{
			slug: "sdg-infographic", typ: "infographic", year: 2017, month: 3, org: resAlliance,
			topics: []string{"sdgs"},
			texts: []resourceText{
				enText("A strong social service workforce helps achieve the Sustainable Development Goals",
					"The toolkit's first piece: an infographic linking the work of social service workers to four of the Global Goals. This is its full text.",
					"**Headline.** The Sustainable Development Goals cannot be reached without the people who protect children and support families.",
					"**Goal 1, no poverty (target 1.3).** Social service workers connect families to cash transfers and other social protection, and help them stay enrolled.",
					"**Goal 3, good health (target 3.8).** They link children and caregivers to health care, support people living with HIV to keep up treatment, and follow up after a crisis.",
					"**Goal 5, gender equality (target 5.2).** They respond to violence against women and girls, and help survivors reach safety, justice and care.",
					"**Goal 16, peace and justice (target 16.2).** They prevent and respond to the abuse, exploitation and trafficking of children, and to every form of violence against them.",
					"**Call to act.** Plan, develop and support the social service workforce, and the goals come closer. Share this with #SSWWeek."),
				esText("Una fuerza laboral del servicio social sólida ayuda a alcanzar los Objetivos de Desarrollo Sostenible",
					"La primera pieza de las herramientas: una infografía que vincula el trabajo del servicio social con cuatro de los Objetivos Mundiales. Este es su texto completo.",
					"**Titular.** Los Objetivos de Desarrollo Sostenible no se alcanzarán sin las personas que protegen a la infancia y apoyan a las familias.",
					"**Objetivo 1, fin de la pobreza (meta 1.3).** Las trabajadoras y trabajadores sociales conectan a las familias con transferencias y otras formas de protección social.",
					"**Objetivo 3, salud (meta 3.8).** Vinculan a niñas, niños y cuidadores con los servicios de salud y acompañan a quienes viven con el VIH para que sigan su tratamiento.",
					"**Objetivo 5, igualdad de género (meta 5.2).** Responden a la violencia contra mujeres y niñas y ayudan a las sobrevivientes a encontrar seguridad, justicia y atención.",
					"**Objetivo 16, paz y justicia (meta 16.2).** Previenen y atienden el abuso, la explotación y la trata de niñas y niños, y toda forma de violencia contra ellos.",
					"**Llamado.** Planifique, desarrolle y apoye a la fuerza laboral del servicio social, y los objetivos estarán más cerca. Compártalo con #SSWWeek."),
			},
			files: []demoResourceFile{{name: "sdg-infographic-en.pdf", lang: "en"}},
		},
		{
			slug: "mapping-the-workforce", typ: "report", year: 2018, org: resAlliance,
			topics: []string{"child-protection", "workforce-planning"},
			texts: []resourceText{
				enText("Mapping the social service workforce to better protect children",
					"Why counting the workforce comes first, and how to do it: who to include, what to ask, and how to turn the numbers into a plan.",
					"A government cannot plan for people it has not counted. Mapping the workforce means finding out how many social service workers there are, where they work, what they were trained to do, who pays them and how many children each of them is expected to serve.",
					"This report draws on mapping exercises in several regions. It describes the choices every mapping has to make: whether to include unpaid community volunteers, how to avoid counting a worker twice when she holds two posts, and how to compare job titles that mean different things in different ministries.",
					"The result is a baseline. Repeated every few years, a mapping shows whether the gaps are closing, and gives advocates figures a finance ministry will recognise."),
			},
			files: []demoResourceFile{{name: "mapping-the-workforce-en.pdf", lang: "en"}},
		},
		{
			slug: "workforce-strengthening-strategy", typ: "guide", year: 2018, org: resAlliance,
			topics: []string{"supervision", "workforce-planning"},
			texts: []resourceText{
				enText("Developing a national social service workforce strengthening strategy",
					"A step-by-step guide for ministries and partners writing a national strategy to plan, develop and support the workforce.",
					"A strategy turns good intentions into decisions with owners and deadlines. This guide follows the three parts of the Alliance's framework: planning the workforce, developing it through education and training, and supporting it once people are in post.",
					"Each chapter sets out questions to answer with the people who will carry the plan out: which posts are needed and where, which qualifications fit them, how a new worker is welcomed, who provides supervision and how often, and what career path keeps experienced staff from leaving.",
					"It ends with advice on costing the strategy and on the few indicators worth tracking every year, so that progress can be reported to parliament and donors alike."),
				esText("Cómo elaborar una estrategia nacional de fortalecimiento de la fuerza laboral del servicio social",
					"Una guía paso a paso para ministerios y socios que redactan una estrategia nacional para planificar, desarrollar y apoyar a la fuerza laboral.",
					"Una estrategia convierte las buenas intenciones en decisiones con responsables y plazos. Esta guía sigue las tres partes del marco de la Alianza: planificar la fuerza laboral, desarrollarla mediante la educación y la formación, y apoyarla una vez en sus puestos.",
					"Cada capítulo plantea preguntas para responder junto con quienes ejecutarán el plan: qué puestos se necesitan y dónde, qué titulaciones corresponden, cómo se recibe a una nueva trabajadora, qué supervisora la acompaña y con qué frecuencia, y qué carrera profesional evita que el personal con experiencia se vaya.",
					"Termina con consejos para costear la estrategia y elegir unos pocos indicadores que conviene seguir cada año."),
			},
			files: []demoResourceFile{
				{name: "workforce-strengthening-strategy-en.pdf", lang: "en"},
				{name: "estrategia-fortalecimiento-es.pdf", lang: "es"},
			},
		},
		{
			slug: "ending-violence-against-children", typ: "policy-brief", year: 2018, org: resAlliance + " and UNICEF",
			topics: []string{"child-protection", "sdgs", "violence-against-children"},
			texts: []resourceText{
				enText("Ending violence against children: the role of the social service workforce",
					"Laws and national plans against violence only reach children through the people who carry them out. This brief says what those people need.",
					"Most countries have promised to end violence against children, and many have laws and action plans to match. What is often missing is the workforce to turn them into visits, assessments, safe placements and follow-up for each child who is hurt or at risk.",
					"The brief sets out what governments can do now: fund enough posts for the caseloads the law implies, train workers in prevention as well as response, give them supervision, and connect them with health, police, schools and justice so a child is not passed from door to door.",
					"It was discussed on day four of Social Service Workforce Week 2018, in a webinar with UNICEF and the Global Partnership to End Violence Against Children."),
				esText("Poner fin a la violencia contra la infancia: el papel de la fuerza laboral del servicio social",
					"Las leyes y los planes nacionales contra la violencia solo llegan a la infancia a través de quienes los aplican. Esta nota explica lo que esas personas necesitan.",
					"La mayoría de los países se ha comprometido a poner fin a la violencia contra niñas y niños, y muchos tienen leyes y planes de acción. Lo que suele faltar es la fuerza laboral que los convierta en visitas, evaluaciones, acogimientos seguros y seguimiento para cada niña o niño que sufre daño o está en riesgo.",
					"La nota describe lo que los gobiernos pueden hacer ya: financiar suficientes puestos, formar al personal en prevención y en respuesta, garantizar supervisión y conectar a las trabajadoras con salud, policía, escuelas y justicia."),
			},
			files: []demoResourceFile{
				{name: "ending-violence-against-children-en.pdf", lang: "en"},
				{name: "mettre-fin-a-la-violence-fr.pdf", lang: "fr",
					title:   "Mettre fin à la violence contre les enfants : le rôle du personnel des services sociaux",
					summary: "Les lois et les plans nationaux contre la violence n’atteignent les enfants que grâce aux personnes qui les mettent en œuvre. Cette note explique ce dont elles ont besoin : des postes financés, une formation, une supervision et des liens avec la santé, la police, l’école et la justice."},
			},
		},
		{
			slug: "why-the-workforce-matters", typ: "narrative", year: 2017, org: resAlliance + " and WithoutViolence",
			topics: []string{"advocacy"},
			texts: []resourceText{
				enText("Why the workforce matters: a narrative for advocates",
					"The core story of the Global Advocacy Toolkit: who social service workers are, what happens when they are missing, and what investment changes.",
					"Every community has families under strain: a parent who has lost work, a child who stopped going to school, a grandmother caring for grandchildren alone. Social service workers are the people who notice, knock on the door and stay involved until things are better.",
					"When there are too few of them, problems that could have been solved early become emergencies, and the bill arrives later in hospitals, courts and institutions. When they are trained, supervised and paid, children stay safely with their families and public money goes further.",
					"Use this narrative as the spine of your campaign and hang your own facts and stories on it."),
			},
			files: []demoResourceFile{{name: "why-the-workforce-matters-en.pdf", lang: "en"}},
		},
		{
			slug: "community-workers-backbone", typ: "case-study", year: 2015, org: "IntraHealth International",
			topics: []string{"child-protection", "community-workers"},
			texts: []resourceText{
				enText("Community workers as the backbone of a strong workforce",
					"How one district paired trained community volunteers with a small team of professional social workers, and what it learned.",
					"In many districts, there is one qualified social worker for tens of thousands of children. This case study follows a district team that decided not to wait for more posts. It trained community volunteers to identify children at risk, visit households and refer the hardest cases onward.",
					"The professionals became supervisors and mentors rather than the only point of contact. Referrals rose, but so did the share of cases resolved close to home. Volunteers valued the regular meetings and the small stipend; when either stopped, many of them left.",
					"The lesson for planners: community-level workers extend the reach of the workforce only when they are supported, supervised and counted as part of it."),
				esText("Trabajo comunitario: la columna vertebral de una fuerza laboral sólida",
					"Cómo un distrito unió a voluntarios comunitarios formados con un pequeño equipo de trabajadores sociales profesionales, y qué aprendió.",
					"En muchos distritos hay una sola trabajadora social titulada por decenas de miles de niñas y niños. Este estudio de caso sigue a un equipo de distrito que formó a voluntarios comunitarios para identificar a la infancia en riesgo, visitar hogares y derivar los casos más difíciles.",
					"Las profesionales pasaron a ser supervisoras y mentoras. La lección: el trabajo comunitario amplía el alcance de la fuerza laboral solo cuando recibe apoyo y supervisión."),
			},
			files: []demoResourceFile{{name: "community-workers-backbone-en.pdf", lang: "en"}},
		},
		{
			slug: "a-day-with-a-child-and-youth-care-worker", typ: "story", year: 2017, org: "FICE International",
			topics: []string{"child-protection", "supervision"},
			texts: []resourceText{
				enText("A day with a child and youth care worker",
					"From the morning handover to the last check at night: what care work with young people looks like, hour by hour.",
					"The shift begins with the handover. The night worker reads from the logbook: one boy could not sleep, a girl has an exam today, a new arrival is expected in the afternoon. Coffee is drunk standing up.",
					"Most of the day looks ordinary, and that is the point. Breakfast, a lift to school, a phone call with a teacher, a long talk on a bench about a visit home that went badly. Child and youth care workers use everyday moments to build the trust that lets a young person recover.",
					"Before going home, the worker writes her own notes and meets her supervisor for twenty minutes. Without that time, she says, she would have left the job years ago."),
			},
			files: []demoResourceFile{{name: "a-day-with-a-cyc-worker-en.pdf", lang: "en"}},
		},
		{
			slug: "workforce-and-health", typ: "fact-sheet", year: 2017, org: "IntraHealth International",
			topics: []string{"health", "sdgs"},
			texts: []resourceText{
				enText("Fact sheet: the social service workforce and health",
					"How social service workers help health systems reach their goals, on one page.",
					"Health services reach further when someone helps families use them. Social service workers trace children lost to follow-up, help caregivers with the cost of travel to a clinic, and support adolescents living with HIV to stay on treatment.",
					"In hospitals, social workers plan safe discharge, respond when abuse is suspected, and link patients with support at home. In communities, they work beside community health workers, sharing visits and referrals.",
					"Counting both workforces in national health plans avoids gaps and duplication."),
				esText("Hoja informativa: la fuerza laboral del servicio social y la salud",
					"Cómo el personal del servicio social ayuda a los sistemas de salud a cumplir sus metas, en una página.",
					"Los servicios de salud llegan más lejos cuando alguien ayuda a las familias a utilizarlos. Las trabajadoras y trabajadores sociales localizan a niñas y niños que abandonaron el seguimiento y acompañan a adolescentes que viven con el VIH para que sigan su tratamiento.",
					"En los hospitales planifican altas seguras y responden ante sospechas de maltrato; en la comunidad trabajan junto al personal de salud comunitario."),
			},
			files: []demoResourceFile{
				{name: "workforce-and-health-en.pdf", lang: "en"},
				{name: "fuerza-laboral-y-salud-es.pdf", lang: "es"},
			},
		},
		{
			slug: "audiences-and-partners-worksheet", typ: "worksheet", year: 2017, org: resAlliance + " and WithoutViolence",
			topics: []string{"advocacy"},
			texts: []resourceText{
				enText("Worksheet: audiences and partners",
					"A planning exercise for choosing who your campaign must persuade and who can help you persuade them.",
					"List everyone with a say over your objective: the minister, the budget committee, the district officials who will carry out a decision, the donors who fund the sector. For each, note what they care about and what they already believe about the workforce.",
					"Then list possible partners: professional associations, unions, children's rights groups, faith leaders, journalists who cover social issues. Mark who has access to which decision-maker.",
					"Finish by choosing two primary audiences and one partner to approach first. The other worksheets build on these choices: targeted messages, media materials and measuring success."),
				esText("Ficha de trabajo: públicos y aliados",
					"Un ejercicio de planificación para decidir a quién debe convencer su campaña y quién puede ayudarle a hacerlo.",
					"Haga una lista de todas las personas con poder sobre su objetivo: el ministerio, la comisión de presupuesto, las autoridades de distrito, los donantes del sector. Anote qué les importa y qué piensan ya de la fuerza laboral.",
					"Después, enumere posibles aliados y termine eligiendo dos públicos principales y un aliado con quien empezar."),
			},
			files: []demoResourceFile{
				{name: "audiences-and-partners-en.pdf", lang: "en"},
				{name: "publicos-y-aliados-es.pdf", lang: "es"},
			},
		},
		{
			slug: "supportive-supervision", typ: "guide", year: 2019, org: resAlliance,
			topics: []string{"supervision", "workforce-planning"},
			texts: []resourceText{
				enText("Supportive supervision for social service workers",
					"What good supervision involves, how often it should happen, and how to provide it where supervisors are scarce.",
					"Supervision is where a worker takes a difficult case to think it through with someone more experienced. Done well, it improves decisions for children, spreads skills across a team and protects workers from burnout.",
					"This guide describes the three functions of supervision (managing the work, teaching and supporting the person) and offers practical formats: one-to-one sessions, group supervision, peer support and supervision by phone for workers far from the office.",
					"It was shared during Social Service Workforce Week 2019, whose first day was devoted to supervision."),
			},
			files: []demoResourceFile{{name: "supportive-supervision-en.pdf", lang: "en"}},
		},
		{
			slug: "children-on-the-move", typ: "policy-brief", year: 2019, org: resAlliance,
			topics: []string{"child-protection", "migration"},
			texts: []resourceText{
				enText("Protecting children on the move: the workforce across borders",
					"Children who migrate, alone or with their families, meet many systems and few people responsible for them. This brief asks for that to change.",
					"A child crossing a border may meet border guards, shelter staff, health workers and lawyers within a week, in two or three countries. Too often no one follows the child's case from start to finish.",
					"The brief recommends assigning each unaccompanied child a social service worker, training workers in the languages and laws they will need, and agreements between countries so that case files travel safely with the child.",
					"It informed the webinar on children on the move held during Social Service Workforce Week in October 2019."),
				esText("Proteger a la niñez en movimiento: la fuerza laboral más allá de las fronteras",
					"Las niñas y niños que migran, solos o con sus familias, encuentran muchos sistemas y pocas personas responsables de ellos. Esta nota pide cambiarlo.",
					"Un niño que cruza una frontera puede encontrarse en una semana con guardias, personal de albergues, de salud y abogados, en dos o tres países. Con demasiada frecuencia nadie acompaña su caso de principio a fin.",
					"La nota recomienda asignar a cada niña o niño no acompañado una trabajadora o trabajador social y acuerdos entre países para que los expedientes viajen de forma segura."),
			},
			files: []demoResourceFile{{name: "children-on-the-move-en.pdf", lang: "en"}},
		},
		{
			slug: "covid-19-essential-workers", typ: "fact-sheet", year: 2020, org: resAlliance,
			topics: []string{"emergencies", "health"},
			texts: []resourceText{
				enText("Social service workers are essential in the COVID-19 response",
					"Why governments should designate social service workers as essential during lockdowns, and what they need to keep working safely.",
					"When schools closed and families stayed at home, the risks to many children rose while the usual ways of spotting harm disappeared. Where social service workers could still move, visit and call, they kept cases open and food and medicine arriving.",
					"Designation as essential workers lets them travel during restrictions. They also need protective equipment, phone credit for remote follow-up, and guidance on when a home visit is still necessary.",
					"This fact sheet accompanied Social Service Workforce Week 2020."),
				esText("El personal del servicio social es esencial en la respuesta a la COVID-19",
					"Por qué los gobiernos deberían declarar esencial al personal del servicio social durante los confinamientos, y qué necesita para trabajar con seguridad.",
					"Cuando cerraron las escuelas, los riesgos para muchas niñas y niños aumentaron y desaparecieron las formas habituales de detectar el daño. Donde el personal del servicio social pudo seguir visitando y llamando, los casos siguieron abiertos.",
					"Necesita poder desplazarse, equipo de protección, saldo telefónico para el seguimiento a distancia y orientación clara."),
			},
			files: []demoResourceFile{
				{name: "covid-19-essential-workers-en.pdf", lang: "en"},
				{name: "covid-19-personal-esencial-es.pdf", lang: "es"},
			},
		},
		{
			slug: "emergency-preparedness-and-response", typ: "report", year: 2021, org: resAlliance,
			topics: []string{"emergencies"},
			texts: []resourceText{
				enText("The social service workforce in emergency preparedness and response",
					"Lessons from conflict, climate disasters and the pandemic on how the workforce prepares for crises and helps communities recover.",
					"Floods, storms, conflict and disease outbreaks separate children from their families and put new pressure on those already struggling. The workforce already in place knows the families and the local services, which makes it the quickest route to the children most at risk.",
					"The report gathers experience from several emergencies: registering and reuniting separated children, psychosocial support, and keeping ordinary casework going while everything else is disrupted.",
					"It recommends that emergency plans name the social service workforce, fund surge capacity and look after the wellbeing of workers who are themselves affected."),
			},
			files: []demoResourceFile{{name: "emergency-preparedness-en.pdf", lang: "en"}},
		},
		{
			slug: "building-the-case", typ: "report", year: 2016, org: "USAID and " + resAlliance,
			topics: []string{"advocacy", "workforce-planning"},
			texts: []resourceText{
				enText("Building the case for a stronger social service workforce",
					"The arguments and evidence that persuade funders and ministries to invest in the workforce, gathered for the 2016 SSWWeek.",
					"Ask a finance official to fund more social workers and the first question is what the money will buy. This report gathers the answers: fewer children in institutions, earlier help for families, better use of cash transfers and health services.",
					"It also collects the arguments that work less well, such as figures without a story or needs without a costed plan, so that advocates can avoid them.",
					"Each day of Social Service Workforce Week 2016 posed one question from the report to a discussion board."),
			},
			files: []demoResourceFile{{name: "building-the-case-en.pdf", lang: "en"}},
		},
		{
			slug: "investing-across-sectors", typ: "guide", year: 2022, org: resAlliance,
			topics: []string{"health", "workforce-planning"},
			texts: []resourceText{
				enText("Investing in the workforce across sectors: costing and ratio guidance",
					"How to estimate how many social service workers a service needs and what they cost, for health, education, justice and social welfare.",
					"Social service workers are employed by many ministries, which makes the total hard to see and easy to underfund. This guide helps planners count posts in each sector, choose a sensible ratio of workers to population or caseload, and cost the difference.",
					"Worked examples cover social workers in health facilities, school social work and the justice system.",
					"The guidance was introduced during Social Service Workforce Week 2022."),
			},
			files: []demoResourceFile{{name: "investing-across-sectors-en.pdf", lang: "en"}},
		},
		{
			slug: "ten-years-of-the-alliance", typ: "report", year: 2023, org: resAlliance,
			topics: []string{"advocacy", "workforce-planning"},
			texts: []resourceText{
				enText("Ten years of strengthening the social service workforce",
					"Looking back on the Alliance's first decade and ahead to the next: progress, remaining challenges and priorities.",
					"In ten years the Alliance grew from a few hundred members in one region to a network of thousands in more than a hundred countries. Workforce strengthening moved from the margins into national strategies and global guidance.",
					"Challenges remain: too few posts, high turnover, weak data and supervision stretched thin. The report sets out priorities for the coming decade, starting with counting the workforce everywhere and paying it fairly.",
					"It marked the tenth Social Service Workforce Week in 2023."),
			},
			files: []demoResourceFile{{name: "ten-years-en.pdf", lang: "en"}},
		},
	}
}

// resourcesPageES is the library page's copy in Spanish (the English copy
// is with the other pages in seed.go).
var resourcesPageES = store.Page{
	Slug:        "resources",
	Lang:        "es",
	Title:       "Biblioteca de recursos",
	Description: "Informes, notas de políticas, estudios de caso y guías sobre la fuerza laboral del servicio social, para leer y descargar gratis.",
	Intro:       "Evidencia y guías prácticas para quienes planifican, desarrollan o apoyan a la fuerza laboral del servicio social.",
	Body:        "Cada recurso indica quién lo escribió, cuándo y en qué idioma, con sus archivos listos para descargar.",
}
