package seed

import (
	"github.com/sswalliance/advocacy/internal/i18n"
)

type demoAudience struct {
	slug     string
	texts    []audienceText
	messages [][]keyMessageText
}

func en(headline, points, sources string) keyMessageText {
	return keyMessageText{Lang: i18n.EN, Headline: headline, Points: points, Sources: sources}
}

func es(headline, points, sources string) keyMessageText {
	return keyMessageText{Lang: i18n.ES, Headline: headline, Points: points, Sources: sources}
}

const (
	srcSOTW     = "- Global Social Service Workforce Alliance, *State of the Social Service Workforce* reports\n"
	srcUNICEF   = "- UNICEF, *Guidelines to Strengthen the Social Service Workforce for Child Protection* (2019)\n"
	srcINSPIRE  = "- WHO and partners, *INSPIRE: Seven Strategies for Ending Violence Against Children* (2016)\n"
	srcSDG      = "- United Nations, Sustainable Development Goals, targets 1.3, 3.8, 5.2 and 16.2\n"
	srcCall     = "- Global Social Service Workforce Alliance, *A Call to Action for Strengthening the Social Service Workforce* (2018)\n"
	srcAlliance = "- Global Social Service Workforce Alliance membership records: more than 2,200 members in 136 countries by 2019\n"
)

func audiences() []demoAudience {
	return []demoAudience{
		{
			slug: "donors",
			texts: []audienceText{
				{Lang: i18n.EN, Name: "Donors", Summary: "Foundations, bilateral agencies and private funders deciding where their money does the most good for children and families."},
				{Lang: i18n.ES, Name: "Donantes", Summary: "Fundaciones, agencias bilaterales y financiadores privados que deciden dónde su dinero rinde más para la infancia y las familias."},
			},
			messages: [][]keyMessageText{
				{en("Programmes for children succeed or fail on the people who deliver them",
					"- Cash transfers, health outreach and family support all depend on a trained worker reaching the household.\n- Funding buildings and supplies without funding the workforce leaves programmes without hands.\n- A planned, paid and supervised workforce makes every other investment go further.",
					srcSOTW+srcUNICEF)},
				{en("Investing in the workforce is investing in prevention",
					"- Social service workers spot risks early, before a crisis needs costly emergency care.\n- Keeping children safely in families costs less than residential care and leads to better lives.\n- Prevention only works where workers are present and stay in post.",
					srcINSPIRE+srcUNICEF)},
				{en("Long-term, flexible funding builds systems that outlast a project",
					"- Short grants train workers who then leave when the project ends.\n- Support for salaries, supervision and national training institutions keeps skills in the country.\n- Co-financing with governments turns pilots into public services.",
					srcCall)},
			},
		},
		{
			slug: "policymakers",
			texts: []audienceText{
				{Lang: i18n.EN, Name: "Policymakers", Summary: "Ministers, parliamentarians and officials who set laws, budgets and the rules that shape the workforce."},
				{Lang: i18n.ES, Name: "Responsables de políticas", Summary: "Ministros, parlamentarios y funcionarios que definen leyes, presupuestos y las normas que dan forma a la fuerza laboral."},
			},
			messages: [][]keyMessageText{
				{en("Your country's commitments to children need a workforce to carry them out",
					"- The Sustainable Development Goals on poverty, health, gender-based violence and child protection all rely on social service workers.\n- Laws that protect children are only as strong as the workers who apply them.\n- A national workforce strategy links those commitments to people, posts and budgets.",
					srcSDG+srcCall),
					es("Los compromisos de su país con la infancia necesitan una fuerza laboral que los cumpla",
						"- Los Objetivos de Desarrollo Sostenible sobre pobreza, salud, violencia de género y protección infantil dependen de trabajadoras y trabajadores del servicio social.\n- Las leyes que protegen a la infancia valen lo que valen quienes las aplican.\n- Una estrategia nacional para la fuerza laboral une esos compromisos con personas, puestos y presupuestos.",
						srcSDG+srcCall)},
				{en("You cannot plan for a workforce you have not counted",
					"- Many countries do not know how many social service workers they have, or where.\n- Mapping the workforce shows the gaps between needs and people in post.\n- Regular data lets ministries plan training, hiring and deployment.",
					srcSOTW+srcUNICEF),
					es("No se puede planificar una fuerza laboral que no se ha contado",
						"- Muchos países no saben cuántas personas trabajan en el servicio social ni dónde están.\n- Mapear la fuerza laboral muestra la distancia entre las necesidades y el personal disponible.\n- Contar con datos periódicos permite a los ministerios planificar la formación, la contratación y la distribución.",
						srcSOTW+srcUNICEF)},
				{en("Recognition in law protects the public and the profession",
					"- Clear roles, qualifications and codes of ethics make services safer for families.\n- Registration and professional bodies give workers standing and accountability.\n- Decent pay and working conditions keep experienced workers in the system.",
					srcCall+srcUNICEF)},
			},
		},
		{
			slug: "media",
			texts: []audienceText{
				{Lang: i18n.EN, Name: "Media", Summary: "Journalists, editors and producers who shape how the public sees social work and child protection."},
				{Lang: i18n.ES, Name: "Medios de comunicación", Summary: "Periodistas, editores y productores que influyen en cómo el público ve el trabajo social y la protección de la infancia."},
			},
			messages: [][]keyMessageText{
				{en("Behind every child protection story is a worker who rarely makes the news",
					"- Coverage tends to appear only when something goes wrong.\n- Stories of everyday work (a family kept together, a child back in school) show what the job really is.\n- Workers can speak to the conditions that make good practice possible or impossible.",
					srcSOTW)},
				{en("The workforce is stretched thin, and that is a public story",
					"- In many places one worker covers thousands of people.\n- Caseloads, pay and supervision are questions of public spending that readers can follow.\n- Comparing countries shows what investment changes.",
					srcSOTW+srcUNICEF)},
				{en("Use accurate words for the people who do this work",
					"- The workforce includes social workers, child and youth care workers, para-professionals and community workers.\n- Naming roles correctly helps readers know whom to turn to.\n- The #SSWWeek hashtag connects stories across countries each year.",
					srcAlliance)},
			},
		},
		{
			slug: "general-public",
			texts: []audienceText{
				{Lang: i18n.EN, Name: "General public", Summary: "Neighbours, parents, students and voters who may never have met a social service worker, or may not know they have."},
				{Lang: i18n.ES, Name: "Público en general", Summary: "Vecinos, madres y padres, estudiantes y votantes que quizá nunca conocieron a una trabajadora del servicio social, o no sabían que sí."},
			},
			messages: [][]keyMessageText{
				{en("Social service workers are part of your community's safety net",
					"- They help families through illness, poverty, violence and loss.\n- They connect people with health care, schooling and support they are entitled to.\n- Most of their work is quiet and preventive.",
					srcSOTW)},
				{en("Strong families need support, not only rescue",
					"- Most children do best growing up in a family.\n- Workers help parents cope before problems become emergencies.\n- Support close to home is kinder and costs less than separation.",
					srcUNICEF+srcINSPIRE)},
				{en("You can speak up for the people who care for others",
					"- Ask local candidates what they will do for social services.\n- Share a worker's story during Social Service Workforce Week.\n- Thank the workers you know: recognition helps them stay.",
					srcCall)},
			},
		},
		{
			slug: "social-service-professionals",
			texts: []audienceText{
				{Lang: i18n.EN, Name: "Social service professionals", Summary: "Fellow social workers, child and youth care workers, community workers, educators and managers across sectors."},
				{Lang: i18n.ES, Name: "Profesionales del servicio social", Summary: "Colegas del trabajo social, del cuidado de niños y jóvenes, del trabajo comunitario, la docencia y la gestión en todos los sectores."},
			},
			messages: [][]keyMessageText{
				{en("Our voices are stronger together across disciplines",
					"- Social work, child and youth care, and community work share the same goal.\n- Joint advocacy avoids competing for the same small budget.\n- Networks like the Alliance link practitioners in more than 130 countries.",
					srcAlliance)},
				{en("Evidence from practice persuades decision-makers",
					"- Keep simple records of what changed for the families you serve.\n- Short case studies, with consent, make numbers human.\n- Share data through professional bodies so it reaches policy.",
					srcSOTW)},
				{en("Supervision and self-care are part of good practice, not a luxury",
					"- Reflective supervision improves decisions and reduces burnout.\n- Ask employers for manageable caseloads and time for training.\n- Peer support networks help workers stay in the profession.",
					srcUNICEF)},
			},
		},
	}
}

// loadAudiences writes the audiences in page order, each with its key
// messages in order.
func loadAudiences(w *writer) error {
	return each(audiences(), w.audience)
}
