package seed

import (
	"time"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// loadBlog writes the demo blog posts. It runs after the editions (from
// loadSSWWeek), since posts point at an edition and a day.
func loadBlog(w *writer) error {
	return each(blogPosts(), w.blogPost)
}

// Authors are credited by role and organisation, as the Alliance credits
// guest writers; no personal names are invented.
const (
	blogByDirector   = "Director, Global Social Service Workforce Alliance"
	blogByProgramme  = "Programme officer, Global Social Service Workforce Alliance"
	blogByResearch   = "Research officer, Global Social Service Workforce Alliance"
	blogByAdvocacy   = "Member of the Interest Group on Advocacy, Global Social Service Workforce Alliance"
	blogByTechnical  = "Technical adviser, Global Social Service Workforce Alliance"
	blogByCommsTeam  = "Communications team, Global Social Service Workforce Alliance"
	blogByCYCWMember = "Child and youth care worker and Alliance member"
)

func postEN(title, summary, body string) blogPostText {
	return blogPostText{Lang: i18n.EN, Title: title, Summary: summary, Body: body}
}

func postES(title, summary, body string) blogPostText {
	return blogPostText{Lang: i18n.ES, Title: title, Summary: summary, Body: body}
}

func postAt(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }

func blogPosts() []blogPost {
	return []blogPost{
		{Slug: "advocacy-and-the-sdgs", Author: blogByAdvocacy, PublishedAt: postAt(2017, 9, 25, 12), Year: 2017,
			Texts: []blogPostText{
				postEN("The goals will not be met without the people who do the work",
					"Why the Sustainable Development Goals on violence, migration and health are, underneath, goals about the workforce.",
					"Read the targets on ending violence against children, on safe migration and on health for all, and a pattern appears: each one assumes that someone will knock on the door, assess a family's needs and stay with them until things improve.\n\n"+
						"That someone is usually a social service worker. Yet national plans for the goals rarely say how many of these workers a country has, how many it needs, or who will pay them.\n\n"+
						"This week we are asking advocates to close that gap. Use the toolkit's messages with your ministries, and ask a simple question: *who will deliver this target, and are they in the budget?*"),
			}},
		{Slug: "putting-the-call-to-action-to-work", Author: blogByDirector, PublishedAt: postAt(2018, 9, 24, 12), Year: 2018, DayNumber: 1,
			Texts: []blogPostText{
				postEN("Putting the Call to Action to work",
					"Four months after its launch, what the Call to Action asks for and how organisations are already using it.",
					"When the Call to Action was launched at our symposium in May, we hoped it would become a tool rather than a document on a shelf. This week shows that it is.\n\n"+
						"Its recommendations speak to two levels. In countries, governments are asked to start and lead a dialogue with their partners about the workforce: how to plan it, train it and support it. At the global level, donors and agencies are asked to back those national efforts for the long term.\n\n"+
						"More than thirty organisations have now added their names. If yours has not yet, read the recommendations and consider joining them."),
				postES("Poner a trabajar el Llamado a la acción",
					"Cuatro meses después de su presentación, qué pide el Llamado a la acción y cómo ya lo usan las organizaciones.",
					"Cuando presentamos el Llamado a la acción en nuestro simposio de mayo, esperábamos que se convirtiera en una herramienta y no en un documento olvidado. Esta semana demuestra que así es.\n\n"+
						"Sus recomendaciones se dirigen a dos niveles. En los países, se pide a los gobiernos iniciar y encabezar un diálogo con sus socios sobre la fuerza laboral: cómo planificarla, formarla y apoyarla. A nivel mundial, se pide a donantes y agencias respaldar esos esfuerzos nacionales a largo plazo.\n\n"+
						"Ya son más de treinta las organizaciones que lo firmaron. Si la suya aún no lo ha hecho, lea las recomendaciones y considere sumarse."),
			}},
		{Slug: "counting-the-workforce", Author: blogByResearch, PublishedAt: postAt(2018, 9, 25, 12), Year: 2018, DayNumber: 2,
			Texts: []blogPostText{
				postEN("You cannot plan for workers you have not counted",
					"What mapping the workforce involves, and what countries have learned from doing it.",
					"Ask a ministry how many nurses it employs and it will usually have an answer. Ask how many social service workers it has and the room often goes quiet.\n\n"+
						"Mapping changes that. It counts workers in government and in civil society, notes their roles and qualifications, and compares where they are with where children and families need them.\n\n"+
						"- It shows gaps between districts, not just national totals.\n- It gives planners a baseline to measure progress against.\n- It makes the workforce visible in budget discussions.\n\n"+
						"Join today's Twitter chat to share how your country has counted its workforce."),
				postES("No se puede planificar sin contar",
					"En qué consiste mapear la fuerza laboral y qué han aprendido los países que lo hicieron.",
					"Si se pregunta a un ministerio cuántas enfermeras emplea, suele tener la respuesta. Si se le pregunta cuántas personas trabajan en el servicio social, a menudo hay silencio.\n\n"+
						"El mapeo cambia eso. Cuenta al personal del gobierno y de la sociedad civil, registra sus funciones y su formación, y compara dónde está con dónde lo necesitan la infancia y las familias.\n\n"+
						"- Muestra diferencias entre distritos, no solo totales nacionales.\n- Da a quienes planifican una línea de base para medir avances.\n- Hace visible a la fuerza laboral en las discusiones de presupuesto.\n\n"+
						"Participe hoy en la conversación en Twitter y cuente cómo su país contó a su fuerza laboral."),
			}},
		{Slug: "the-twitter-chat-in-review", Author: blogByCommsTeam, PublishedAt: postAt(2018, 9, 25, 18), Year: 2018, DayNumber: 2,
			Texts: []blogPostText{
				postEN("The #SSWWeek Twitter chat in review",
					"Six questions, one hour, and a conversation that reached well beyond it.",
					"Thank you to everyone who joined this morning's chat with @MtotoNews. Replies came from social workers, child and youth care workers, researchers and ministry staff in many countries.\n\n"+
						"A few themes came up again and again: supervision matters as much as training; recognition in law helps workers stay; and families do best when workers have time to know them.\n\n"+
						"Search for #SSWWeek to read the whole conversation."),
			}},
		{Slug: "a-national-strategy", Author: blogByTechnical, PublishedAt: postAt(2018, 9, 26, 12), Year: 2018, DayNumber: 3,
			Texts: []blogPostText{
				postEN("From good intentions to a national strategy",
					"How a workforce strengthening strategy links a country's commitments to posts, budgets and training.",
					"Many countries have laws that promise children protection and families support. Fewer have a plan for the people who must keep those promises.\n\n"+
						"A national workforce strengthening strategy is that plan. The strongest ones we have seen were written by government with unions, universities, civil society and workers themselves, and they came with a budget line.\n\n"+
						"If your country is starting one, begin with the map of the workforce you have, agree the roles you need, and cost the gap between them."),
				postES("De las buenas intenciones a una estrategia nacional",
					"Cómo una estrategia de fortalecimiento une los compromisos de un país con puestos, presupuestos y formación.",
					"Muchos países tienen leyes que prometen protección a la infancia y apoyo a las familias. Menos tienen un plan para las personas que deben cumplir esas promesas.\n\n"+
						"Una estrategia nacional de fortalecimiento de la fuerza laboral es ese plan. Las más sólidas que conocemos las elaboró el gobierno junto con sindicatos, universidades, sociedad civil y las propias trabajadoras y trabajadores, y venían con una partida presupuestaria.\n\n"+
						"Si su país está empezando, parta del mapa de la fuerza laboral existente, acuerde las funciones necesarias y calcule el costo de la diferencia."),
			}},
		{Slug: "ending-violence-needs-workers", Author: blogByProgramme, PublishedAt: postAt(2018, 9, 27, 12), Year: 2018, DayNumber: 4,
			Texts: []blogPostText{
				postEN("Ending violence against children needs workers, not only plans",
					"Prevention and response both depend on trained people close to families.",
					"National action plans to end violence against children are multiplying, and that is good news. But a plan that refers a child to services helps only if there is a worker to receive the referral.\n\n"+
						"Of the seven INSPIRE strategies, *response and support services* depends most directly on the social service workforce. Prevention depends on it too: parenting support, school programmes and community outreach all need trained people.\n\n"+
						"Join this morning's webinar with UNICEF and the Global Partnership to End Violence Against Children to hear how countries are building the workforce into their plans."),
			}},
		{Slug: "five-actions-for-a-stronger-workforce", Author: blogByAdvocacy, PublishedAt: postAt(2018, 9, 28, 12), Year: 2018, DayNumber: 5,
			Texts: []blogPostText{
				postEN("Five things you can do after #SSWWeek",
					"Practical steps to keep the Call to Action on the agenda once the week is over.",
					"1. Share the key message that fits your audience with one decision-maker this month.\n"+
						"2. Ask your organisation to support the Call to Action.\n"+
						"3. Find out whether your country has mapped its workforce, and who holds the data.\n"+
						"4. Tell a worker's story, with their permission, to show what the job involves.\n"+
						"5. Mark the next advocacy moment in your calendar, such as World Social Work Day in March."),
			}},
		{Slug: "children-on-the-move", Author: blogByProgramme, PublishedAt: postAt(2019, 10, 22, 12), Year: 2019, DayNumber: 2,
			Texts: []blogPostText{
				postEN("Children on the move need workers who can follow them",
					"Migrating children cross borders and systems; the workforce that protects them has to work across both.",
					"A child who leaves home may pass through several countries and many services: border posts, shelters, health clinics, schools. Each may have a social service worker, but too often none of them knows what the last one did.\n\n"+
						"Protecting children on the move means training workers in every sector they pass through, and giving them ways to share information safely across borders."),
			}},
		{Slug: "essential-during-covid-19", Author: blogByTechnical, PublishedAt: postAt(2020, 10, 26, 12), Year: 2020,
			Texts: []blogPostText{
				postEN("Essential, and still too often overlooked",
					"During the pandemic social service workers kept going when other services stopped. Policies should reflect that.",
					"When schools closed and families were confined at home, the risks to many children grew while the people who usually notice them disappeared from view. Social service workers adapted: phone check-ins, doorstep visits, food parcels delivered with a welfare check.\n\n"+
						"Some governments recognised them as essential workers, with protective equipment and permission to travel. Many did not. This week we ask every government to make that recognition permanent."),
				postES("Esenciales, y aún demasiado olvidados",
					"Durante la pandemia, el personal del servicio social siguió trabajando cuando otros servicios se detuvieron. Las políticas deben reconocerlo.",
					"Cuando cerraron las escuelas y las familias quedaron confinadas, los riesgos para muchos niños y niñas aumentaron y las personas que suelen detectarlos dejaron de verlos. El personal del servicio social se adaptó: llamadas de seguimiento, visitas en la puerta, entregas de alimentos acompañadas de una comprobación de bienestar.\n\n"+
						"Algunos gobiernos lo reconocieron como personal esencial, con equipo de protección y permiso para desplazarse. Muchos no. Esta semana pedimos a todos los gobiernos que ese reconocimiento sea permanente."),
			}},
		{Slug: "ready-before-the-emergency", Author: blogByCYCWMember, PublishedAt: postAt(2021, 10, 26, 12), Year: 2021,
			Texts: []blogPostText{
				postEN("Ready before the emergency comes",
					"A child and youth care worker on what preparedness looks like on the ground.",
					"After a flood or an outbreak, the first question families ask us is rarely about shelter. It is about their children: where they are, whether they are safe, who will look after them.\n\n"+
						"We answer better when we have planned together beforehand: knowing which families are most at risk, agreeing with health and education colleagues who does what, and having supervisors who check on us as well as on the children."),
			}},
		{Slug: "the-case-for-investing", Author: blogByTechnical, PublishedAt: postAt(2022, 10, 17, 12), Year: 2022,
			Texts: []blogPostText{
				postEN("The case for investing in the workforce, sector by sector",
					"New guidance helps governments cost the workforce and set ratios of workers to population.",
					"Finance ministries ask a fair question: how much will it cost, and what will we get? For the social service workforce, the answer has often been vague.\n\n"+
						"This week we share guidance on costing the workforce and on planning ratios of workers to population, so advocates can bring numbers to the table in health, education, justice and social protection alike."),
				postES("Argumentos para invertir en la fuerza laboral, sector por sector",
					"Nuevas orientaciones ayudan a los gobiernos a calcular el costo de la fuerza laboral y la proporción de trabajadores por habitante.",
					"Los ministerios de finanzas hacen una pregunta razonable: ¿cuánto costará y qué obtendremos? Para la fuerza laboral del servicio social, la respuesta solía ser vaga.\n\n"+
						"Esta semana compartimos orientaciones para calcular el costo de la fuerza laboral y planificar la proporción de trabajadores por habitante, para que quienes hacen incidencia lleven cifras a la mesa en salud, educación, justicia y protección social."),
			}},
		{Slug: "ten-years-of-the-alliance", Author: blogByDirector, PublishedAt: postAt(2023, 10, 16, 12), Year: 2023,
			Texts: []blogPostText{
				postEN("Ten years on: what has changed, and what comes next",
					"Looking back on a decade of the Alliance and ahead to the next one.",
					"When the Alliance began, few countries could say how many social service workers they had. Today many have mapped their workforce, several have national strategies, and the workforce is named in global guidance on child protection.\n\n"+
						"The challenges have not gone away: low pay, heavy caseloads and too little supervision still drive workers out. The next decade has to turn recognition into investment."),
				postES("Diez años después: qué cambió y qué viene",
					"Una mirada a una década de la Alianza y a la próxima.",
					"Cuando nació la Alianza, pocos países sabían cuántas personas trabajaban en el servicio social. Hoy muchos han mapeado a su fuerza laboral, varios tienen estrategias nacionales y la fuerza laboral figura en las orientaciones mundiales sobre protección infantil.\n\n"+
						"Los desafíos siguen ahí: salarios bajos, muchos casos por persona y poca supervisión siguen alejando al personal. La próxima década debe convertir el reconocimiento en inversión."),
			}},
	}
}
