package seed

import (
	"time"

	"github.com/sswalliance/advocacy/internal/calendar"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

// loadCalendar writes the advocacy calendar: the yearly observances the
// Alliance marks, World Social Work Day's themes and two Alliance symposia.
// Some texts are deliberately left untranslated, to show the fallback to
// English.
func loadCalendar(w *writer) error {
	return each(calendarEvents(), w.calendarEvent)
}

// eventsPageES is the calendar page's copy in Spanish (the English copy is
// with the other pages in seed.go).
var eventsPageES = store.Page{
	Slug:        "events",
	Lang:        "es",
	Title:       "Calendario de incidencia",
	Description: "Fechas del año para hablar a favor de la fuerza laboral del servicio social: el Día Mundial del Trabajo Social, días de la ONU y eventos de la Alianza.",
	Intro:       "Hay días en que el mundo ya está prestando atención. Las conferencias, los días internacionales de la ONU, los días de reconocimiento a quienes trabajan en el sector, el Día Mundial del Trabajo Social y SSWWeek son oportunidades para defender esta causa en su comunidad.",
	Body:        "El Día Mundial del Trabajo Social se celebra el tercer martes de marzo. Añada este calendario al suyo para tener siempre a mano la próxima fecha.",
}

func calText(l i18n.Lang, title, description, actions string) calendarText {
	return calendarText{Lang: l, Title: title, Description: description, Actions: actions}
}

func calYearly(m time.Month, d int) calendar.Rule {
	return calendar.Rule{Kind: calendar.Fixed, Month: m, Day: d}
}

// wswdThemes are World Social Work Day's themes, chosen each year by the
// International Federation of Social Workers. The Spanish wording is ours;
// 2025's is left untranslated on purpose.
func wswdThemes() []calendarTheme {
	en := map[int]string{
		2018: "Promoting Community and Environmental Sustainability",
		2019: "Promoting the Importance of Human Relationships",
		2020: "Promoting the Importance of Human Relationships",
		2021: "Ubuntu: I Am Because We Are",
		2022: "Co-building a New Eco-Social World: Leaving No One Behind",
		2023: "Respecting Diversity Through Joint Social Action",
		2024: "Buen Vivir: Shared Future for Transformative Change",
		2025: "Strengthening Intergenerational Solidarity for Enduring Wellbeing",
		2026: "Harambee",
	}
	es := map[int]string{
		2018: "Promover la sostenibilidad comunitaria y ambiental",
		2019: "Promover la importancia de las relaciones humanas",
		2020: "Promover la importancia de las relaciones humanas",
		2021: "Ubuntu: yo soy porque nosotros somos",
		2022: "Construir juntos un nuevo mundo ecosocial: que nadie se quede atrás",
		2023: "Respetar la diversidad mediante la acción social conjunta",
		2024: "Buen Vivir: un futuro compartido para un cambio transformador",
		2026: "Harambee",
	}
	var out []calendarTheme
	for year := 2018; year <= 2026; year++ {
		out = append(out, calendarTheme{Year: year, Lang: i18n.EN, Theme: en[year]})
		if t, ok := es[year]; ok {
			out = append(out, calendarTheme{Year: year, Lang: i18n.ES, Theme: t})
		}
	}
	return out
}

func calendarEvents() []calendarEvent {
	return []calendarEvent{
		{
			Slug: "world-social-work-day", Kind: "observance", URL: "https://www.ifsw.org/",
			Rule:   calendar.Rule{Kind: calendar.NthWeekday, Month: time.March, Weekday: time.Tuesday, Nth: 3},
			Themes: wswdThemes(),
			Texts: []calendarText{
				calText(i18n.EN, "World Social Work Day",
					"Social workers around the world mark their profession on the third Tuesday of March, under a theme set each year by the International Federation of Social Workers.",
					"- Ask a social worker you know what the year's theme means in their daily work, and share the answer with their permission.\n"+
						"- Invite a local official to spend an hour with a social services team.\n"+
						"- Post one of our [key messages](/key-messages) with #WSWD and @SSWAlliance."),
				calText(i18n.ES, "Día Mundial del Trabajo Social",
					"El tercer martes de marzo, trabajadoras y trabajadores sociales de todo el mundo celebran su profesión con un lema que la Federación Internacional de Trabajadores Sociales elige cada año.",
					"- Pregunte a una trabajadora social qué significa el lema del año en su trabajo diario y, con su permiso, comparta la respuesta.\n"+
						"- Invite a una autoridad local a pasar una hora con un equipo de servicios sociales.\n"+
						"- Publique uno de nuestros [mensajes clave](/es/key-messages) con #WSWD y @SSWAlliance."),
			},
		},
		{
			Slug: "child-and-youth-care-worker-week", Kind: "observance",
			Rule: calendar.Rule{Kind: calendar.NthWeekday, Month: time.May, Weekday: time.Monday, Nth: 1, Days: 7},
			Texts: []calendarText{
				calText(i18n.EN, "Child and Youth Care Worker Week",
					"A week in early May to thank the people who care for children and young people in residential homes, schools, clinics and the community. Countries and associations choose their own dates; we show the week that starts on the first Monday of May.",
					"- Check the dates your national association has chosen.\n"+
						"- Share a short profile of a child and youth care worker, with #CYCW.\n"+
						"- Ask employers how they support supervision and rest for their care staff."),
				calText(i18n.ES, "Semana de quienes trabajan en el cuidado de niños, niñas y jóvenes",
					"Una semana a comienzos de mayo para agradecer a quienes cuidan de niños, niñas y jóvenes en hogares, escuelas, centros de salud y la comunidad. Cada país y asociación elige sus fechas; aquí mostramos la semana que empieza el primer lunes de mayo.",
					"- Consulte las fechas que eligió su asociación nacional.\n"+
						"- Comparta un breve perfil de una persona que trabaja en este cuidado, con #CYCW.\n"+
						"- Pregunte a los empleadores cómo apoyan la supervisión y el descanso de su personal."),
			},
		},
		{
			Slug: "world-day-against-child-labour", Kind: "un-day",
			Rule: calendar.Rule{Kind: calendar.Fixed, Month: time.June, Day: 12, FirstYear: 2002},
			Texts: []calendarText{
				calText(i18n.EN, "World Day Against Child Labour",
					"A day to push for an end to work that harms children or keeps them from school. Social service workers are often the ones who find these children and help their families find other ways to get by.",
					"- Explain how case workers link working children and their families to schooling and income support.\n"+
						"- Ask how many social workers your labour and social ministries employ to follow up on child labour cases."),
				// Spanish left out on purpose: the page shows the English.
			},
		},
		{
			Slug: "day-of-the-african-child", Kind: "observance",
			Rule: calYearly(time.June, 16),
			Texts: []calendarText{
				calText(i18n.EN, "Day of the African Child",
					"Marked across Africa on 16 June, in memory of the students of Soweto in 1976, with a new focus on children's rights each year.",
					"- Connect the year's focus to the workers who make children's rights real in your country.\n"+
						"- Share data on the number of social service workers per child in your region, if it has been mapped."),
			},
		},
		{
			Slug: "world-mental-health-day", Kind: "observance",
			Rule: calYearly(time.October, 10),
			Texts: []calendarText{
				calText(i18n.EN, "World Mental Health Day",
					"A day for talking openly about mental health and the services people need. Social service workers offer much of the psychosocial support that families receive, and need support for their own wellbeing too.",
					"- Highlight the psychosocial support that community workers provide.\n"+
						"- Ask your organisation what it does for its own staff's wellbeing and supervision."),
				calText(i18n.ES, "Día Mundial de la Salud Mental",
					"Un día para hablar abiertamente de salud mental y de los servicios que las personas necesitan. Gran parte del apoyo psicosocial que reciben las familias lo brinda la fuerza laboral del servicio social, que también necesita cuidar su propio bienestar.",
					"- Dé visibilidad al apoyo psicosocial que brindan las trabajadoras y trabajadores comunitarios.\n"+
						"- Pregunte a su organización qué hace por el bienestar y la supervisión de su propio personal."),
			},
		},
		{
			Slug: "international-day-of-the-girl-child", Kind: "un-day",
			Rule: calendar.Rule{Kind: calendar.Fixed, Month: time.October, Day: 11, FirstYear: 2012},
			Texts: []calendarText{
				calText(i18n.EN, "International Day of the Girl Child",
					"The United Nations' day for girls' rights and the obstacles they face, from child marriage to violence and dropping out of school.",
					"- Show how social service workers help prevent child marriage and keep girls in school.\n"+
						"- Invite a young woman who was supported by a social worker to tell her story, in her own words."),
				calText(i18n.ES, "Día Internacional de la Niña",
					"El día de las Naciones Unidas dedicado a los derechos de las niñas y a los obstáculos que enfrentan, desde el matrimonio infantil hasta la violencia y el abandono escolar.",
					"- Muestre cómo la fuerza laboral del servicio social ayuda a prevenir el matrimonio infantil y a mantener a las niñas en la escuela.\n"+
						"- Invite a una joven que recibió apoyo de una trabajadora social a contar su historia con sus propias palabras."),
			},
		},
		{
			Slug: "international-day-for-the-eradication-of-poverty", Kind: "un-day",
			Rule: calYearly(time.October, 17),
			Texts: []calendarText{
				calText(i18n.EN, "International Day for the Eradication of Poverty",
					"A United Nations day to listen to people living in poverty and act with them. Social service workers connect families to cash transfers, benefits and services, and see first-hand what keeps them poor.",
					"- Explain how social workers make social protection programmes reach the families who need them.\n"+
						"- Ask your government how many workers staff its cash transfer and social protection programmes."),
				calText(i18n.ES, "Día Internacional para la Erradicación de la Pobreza",
					"Un día de las Naciones Unidas para escuchar a quienes viven en la pobreza y actuar junto a ellas. La fuerza laboral del servicio social conecta a las familias con transferencias, prestaciones y servicios, y conoce de cerca lo que las mantiene en la pobreza.",
					"- Explique cómo el trabajo social hace que los programas de protección social lleguen a las familias que los necesitan.\n"+
						"- Pregunte a su gobierno cuántas personas trabajan en sus programas de transferencias y protección social."),
			},
		},
		{
			Slug: "world-aids-day", Kind: "un-day",
			Rule: calYearly(time.December, 1),
			Texts: []calendarText{
				calText(i18n.EN, "World AIDS Day",
					"A day to remember those lost to AIDS and to support people living with HIV. Social service workers help children and families affected by HIV stay in care, in school and together.",
					"- Share how community workers support children and families affected by HIV.\n"+
						"- Ask that HIV funding includes the social service workers who keep families connected to care."),
				calText(i18n.ES, "Día Mundial del Sida",
					"Un día para recordar a quienes murieron por el sida y apoyar a las personas que viven con el VIH. La fuerza laboral del servicio social ayuda a niños, niñas y familias afectados por el VIH a seguir en tratamiento, en la escuela y unidos.",
					"- Comparta cómo las trabajadoras y trabajadores comunitarios apoyan a la infancia y a las familias afectadas por el VIH.\n"+
						"- Pida que la financiación para el VIH incluya a quienes mantienen a las familias vinculadas a la atención."),
			},
		},
		{
			Slug: "human-rights-day", Kind: "un-day",
			Rule: calYearly(time.December, 10),
			Texts: []calendarText{
				calText(i18n.EN, "Human Rights Day",
					"The anniversary of the Universal Declaration of Human Rights, adopted on 10 December 1948. Protecting children and supporting families is human rights work done every day.",
					"- Link the right to protection and family life to the workers who make it possible.\n"+
						"- Share the [Call to Action](/call-to-action) with a human rights body in your country."),
				calText(i18n.ES, "Día de los Derechos Humanos",
					"El aniversario de la Declaración Universal de Derechos Humanos, aprobada el 10 de diciembre de 1948. Proteger a la infancia y apoyar a las familias es trabajo cotidiano en favor de los derechos humanos.",
					"- Relacione el derecho a la protección y a la vida en familia con quienes lo hacen posible.\n"+
						"- Comparta el [Llamado a la acción](/es/call-to-action) con una institución de derechos humanos de su país."),
			},
		},
		{
			Slug: "alliance-symposium-2014", Kind: "alliance",
			Rule: calendar.Rule{Kind: calendar.Once, StartsOn: calendar.Day(2014, 4, 29), EndsOn: calendar.Day(2014, 4, 29)},
			Texts: []calendarText{
				calText(i18n.EN, "Alliance annual symposium",
					"The Alliance's yearly gathering of its members, followed that year by the first Social Service Workforce Week.", ""),
			},
		},
		{
			Slug: "alliance-symposium-2018", Kind: "alliance",
			Rule: calendar.Rule{Kind: calendar.Once, StartsOn: calendar.Day(2018, 5, 8), EndsOn: calendar.Day(2018, 5, 8)},
			Texts: []calendarText{
				calText(i18n.EN, "Fifth Alliance symposium: launch of the Call to Action",
					"The Alliance's fifth annual symposium, where the Call to Action for strengthening the social service workforce was launched.",
					"- Read the [Call to Action](/call-to-action) and ask your organisation to sign it."),
				calText(i18n.ES, "Quinto simposio de la Alianza: presentación del Llamado a la acción",
					"El quinto simposio anual de la Alianza, en el que se presentó el Llamado a la acción para fortalecer la fuerza laboral del servicio social.",
					"- Lea el [Llamado a la acción](/es/call-to-action) y proponga a su organización firmarlo."),
			},
		},
	}
}
