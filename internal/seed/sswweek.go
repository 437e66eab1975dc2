package seed

import (
	"fmt"
	"strings"
	"time"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

// loadSSWWeek writes every edition of Social Service Workforce Week from
// 2014 to 2023, the 2018 week in full, and the blog posts written for them.
// Only what is on record is seeded: where the days or times of a week are
// not known they are left out rather than invented. Some Spanish texts are
// deliberately missing, to show the fallback to English.
func loadSSWWeek(w *writer) error {
	zones := map[int]*time.Location{}
	for _, e := range editions() {
		if err := w.edition(e); err != nil {
			return err
		}
		zone := e.TimeZone
		if zone == "" {
			zone = content.EditionKind.New("")["time_zone"]
		}
		loc, err := time.LoadLocation(zone)
		if err != nil {
			return fmt.Errorf("seed: SSWWeek %d: %w", e.Year, err)
		}
		zones[e.Year] = loc
	}
	if err := each(editionDays(), w.editionDay); err != nil {
		return err
	}
	for _, e := range editionEvents() {
		if err := w.editionEvent(e, zones[e.Year]); err != nil {
			return err
		}
	}
	return loadBlog(w)
}

func sswDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func sswUTC(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }

func edEN(theme, summary, body string) editionText {
	return editionText{Lang: i18n.EN, Theme: theme, Summary: summary, Body: body}
}

func edES(theme, summary, body string) editionText {
	return editionText{Lang: i18n.ES, Theme: theme, Summary: summary, Body: body}
}

func dayEN(topic, body string) dayText {
	return dayText{Lang: i18n.EN, Topic: topic, Body: body}
}

func dayES(topic, body string) dayText {
	return dayText{Lang: i18n.ES, Topic: topic, Body: body}
}

// sswweekPageES is the Spanish introduction of the SSWWeek archive (the
// English one is among the pages in seed.go).
var sswweekPageES = store.Page{
	Slug:        "sswweek",
	Lang:        "es",
	Title:       "Semana de la Fuerza Laboral del Servicio Social",
	Description: "Todas las ediciones de la Semana de la Fuerza Laboral del Servicio Social desde 2014: temas, temas diarios, blogs, seminarios web y conversaciones.",
	Intro:       "Desde 2014, la Alianza dedica cada año una semana a poner en primer plano a la fuerza laboral del servicio social y los esfuerzos que se hacen en todo el mundo para fortalecerla.",
	Body:        "Cada edición tiene un tema, un asunto para cada día, entradas de blog, seminarios web y conversaciones en línea. Súmese con #SSWWeek.",
}

func editions() []edition {
	return []edition{
		{Year: 2014, Ordinal: 1, StartsOn: sswDate(2014, 4, 1), EndsOn: sswDate(2014, 4, 30), DatePrecision: "month",
			Texts: []editionText{
				edEN("Introducing the Alliance and the case for a stronger workforce",
					"The first SSWWeek came straight after the Alliance's symposium at the end of April. Each day looked at one area of practice, with a new blog post and resources every day, to win support from members, partner organisations and the public.",
					"The week was a first attempt to give the social service workforce its own moment in the calendar. It introduced the young Alliance to a wider audience and explained, one area of practice at a time, why planning, training and supporting these workers matters."),
			}},
		{Year: 2015, Ordinal: 2, StartsOn: sswDate(2015, 9, 21), EndsOn: sswDate(2015, 9, 25),
			Texts: []editionText{
				edEN("Community-level workers",
					"The second week turned to the workers closest to families: para-professionals and community-level workers. Daily blogs looked at what they do and what they need, and partner organisations shared their own material on this part of the workforce.",
					"Community-level workers are often the first, and sometimes the only, link between a family and the services it needs. The week asked how they can be recognised, trained and supervised as part of the wider workforce."),
			}},
		{Year: 2016, Ordinal: 3, StartsOn: sswDate(2016, 9, 26), EndsOn: sswDate(2016, 9, 30),
			Texts: []editionText{
				edEN("Building the Case for a Stronger Social Service Workforce",
					"A blog each day set out why vulnerable people need a stronger workforce and how to get there, and a daily question on a discussion board invited members to add their own experience.",
					"The week gathered the arguments that advocates use with governments and donors, and asked members to test them against what they see in their own countries."),
			}},
		{Year: 2017, Ordinal: 4, StartsOn: sswDate(2017, 9, 25), EndsOn: sswDate(2017, 9, 29),
			Texts: []editionText{
				edEN("Advocating for a stronger workforce to reach the Sustainable Development Goals",
					"The fourth week showed why the Sustainable Development Goals on violence, migration and health cannot be met without social service workers. Themed blogs, profiles of workers and related resources came out each day.",
					"Released a few months after the Global Advocacy Toolkit, the week put the toolkit's messages to work: each day linked one group of goals to the people who carry them out in communities."),
				edES("Abogar por una fuerza laboral más fuerte para alcanzar los Objetivos de Desarrollo Sostenible",
					"La cuarta semana mostró que los Objetivos de Desarrollo Sostenible sobre violencia, migración y salud no se cumplen sin trabajadoras y trabajadores del servicio social. Cada día hubo blogs temáticos, perfiles de trabajadores y recursos relacionados.",
					"Pocos meses después de publicarse las Herramientas globales de incidencia, la semana puso en práctica sus mensajes: cada día relacionó un grupo de objetivos con las personas que los hacen realidad en las comunidades."),
			}},
		{Year: 2018, Ordinal: 5, StartsOn: sswDate(2018, 9, 24), EndsOn: sswDate(2018, 9, 28),
			Texts: []editionText{
				withShare(edEN("Putting the Call to Action into practice",
					"Four months after the Call to Action was launched, the fifth week showed how it is being used, how organisations that signed it support the workforce, and what individuals and groups can do to carry out its country and global recommendations.",
					"Each day of the week had its own topic, blog posts and resources, sent out as a daily email. On Tuesday a Twitter chat gathered ideas and promising practice from around the world, and on Thursday a webinar looked at the workforce's part in ending violence against children.\n\n"+
						"The week also highlighted what the organisations supporting the Call to Action are doing to strengthen the workforce in their own programmes."),
					"Social service workers protect children and support families every day. This #SSWWeek, see how the Call to Action is helping them.",
					"Five days, five topics: follow Social Service Workforce Week 2018 and share what the workforce in your country needs. #SSWWeek",
					"Has your organisation signed the Call to Action for a stronger social service workforce? Add its name this week. #SSWWeek"),
				withShare(edES("Poner en práctica el Llamado a la acción",
					"Cuatro meses después de presentarse el Llamado a la acción, la quinta semana mostró cómo se está usando, cómo lo aplican las organizaciones que lo firmaron y qué pueden hacer personas y grupos para cumplir sus recomendaciones nacionales y mundiales.",
					"Cada día de la semana tuvo su propio tema, entradas de blog y recursos, enviados en un correo diario. El martes, una conversación en Twitter reunió ideas y prácticas prometedoras de todo el mundo, y el jueves un seminario web abordó el papel de la fuerza laboral para poner fin a la violencia contra la infancia.\n\n"+
						"La semana también dio a conocer lo que hacen las organizaciones que respaldan el Llamado a la acción para fortalecer a la fuerza laboral en sus propios programas."),
					"Las trabajadoras y los trabajadores del servicio social protegen a la infancia y apoyan a las familias cada día. Esta #SSWWeek, vea cómo les ayuda el Llamado a la acción.",
					"Cinco días, cinco temas: siga la Semana de la Fuerza Laboral del Servicio Social 2018 y cuente qué necesita la fuerza laboral de su país. #SSWWeek",
					"¿Su organización ya firmó el Llamado a la acción por una fuerza laboral del servicio social más fuerte? Súmela esta semana. #SSWWeek"),
			}},
		{Year: 2019, Ordinal: 6, StartsOn: sswDate(2019, 10, 21), EndsOn: sswDate(2019, 10, 25),
			Texts: []editionText{
				edEN("Working across sectors",
					"The sixth week followed social service workers into other sectors, one day at a time: supervision, children on the move, mental health and hospital social work, multi-disciplinary teams in schools, and looking after themselves.",
					"Our records of this week's daily topics are less complete than for 2018; the schedule below lists what we know."),
			}},
		{Year: 2020, Ordinal: 7, StartsOn: sswDate(2020, 10, 26), EndsOn: sswDate(2020, 10, 30),
			Texts: []editionText{
				edEN("COVID-19 and the essential role of the workforce",
					"In the first year of the pandemic, the seventh week showed how social service workers kept vulnerable children and families safe while services closed around them, and why governments should treat them as essential workers.",
					""),
				edES("La COVID-19 y el papel esencial de la fuerza laboral",
					"En el primer año de la pandemia, la séptima semana mostró cómo las trabajadoras y los trabajadores del servicio social protegieron a la infancia y a las familias vulnerables mientras otros servicios cerraban, y por qué los gobiernos deben reconocerlos como personal esencial.",
					""),
			}},
		{Year: 2021, Ordinal: 8, StartsOn: sswDate(2021, 10, 25), EndsOn: sswDate(2021, 10, 29),
			Texts: []editionText{
				edEN("The workforce in emergency preparedness and response",
					"Conflict, climate disasters and COVID-19 all put families under strain. The eighth week looked at how social service workers prepare for emergencies and respond when they come.",
					""),
			}},
		{Year: 2022, Ordinal: 9, StartsOn: sswDate(2022, 10, 17), EndsOn: sswDate(2022, 10, 21),
			Texts: []editionText{
				edEN("Making the case for investing in the workforce across sectors",
					"The ninth week made the case for investment in the workforce in health, education, justice and social protection, and introduced guidance on costing the workforce and on ratios of workers to population.",
					"A Wednesday webinar looked at social service workers in health facilities."),
				edES("Argumentos para invertir en la fuerza laboral en todos los sectores",
					"La novena semana defendió la inversión en la fuerza laboral en salud, educación, justicia y protección social, y presentó orientaciones para calcular su costo y la proporción de trabajadores por habitante.",
					"El miércoles, un seminario web abordó el trabajo del servicio social en los centros de salud."),
			}},
		{Year: 2023, Ordinal: 10, StartsOn: sswDate(2023, 10, 1), EndsOn: sswDate(2023, 10, 31), DatePrecision: "month",
			Texts: []editionText{
				edEN("Ten years of the Alliance: progress, challenges and the next decade",
					"The tenth week marked the Alliance's tenth anniversary by looking back at what has changed for the workforce, at what still stands in the way, and ahead to the next ten years. Its daily emails reached more than 4,000 people.",
					""),
				edES("Diez años de la Alianza: avances, desafíos y la próxima década",
					"La décima semana celebró el décimo aniversario de la Alianza con una mirada a lo que ha cambiado para la fuerza laboral, a lo que aún falta y a los próximos diez años. Sus correos diarios llegaron a más de 4000 personas.",
					""),
			}},
	}
}

func editionDays() []editionDay {
	return []editionDay{
		// 2015: the three days on record.
		{Year: 2015, Number: 1, Day: sswDate(2015, 9, 21), Texts: []dayText{
			dayEN("Community workers: the backbone of a strong workforce", "")}},
		{Year: 2015, Number: 2, Day: sswDate(2015, 9, 22), Texts: []dayText{
			dayEN("Protecting children from violence and exploitation", "")}},
		{Year: 2015, Number: 3, Day: sswDate(2015, 9, 23), Texts: []dayText{
			dayEN("Healthier communities", "")}},

		// 2018: the whole week.
		{Year: 2018, Number: 1, Day: sswDate(2018, 9, 24), ResourceSlugs: []string{"call-to-action"}, Texts: []dayText{
			withShare(dayEN("A Call to Action: strengthening the social service workforce to better protect children and achieve the SDGs",
				"The week opens with the Call to Action itself: what it asks of governments and partners, why it was written, and how organisations can add their support."),
				"Day 1 of #SSWWeek: the Call to Action asks governments and partners to plan, train and support the social service workforce. Read what it asks.",
				"Protecting children starts with enough trained social service workers. Our organisation supports the Call to Action. #SSWWeek"),
			withShare(dayES("Un llamado a la acción: fortalecer la fuerza laboral del servicio social para proteger mejor a la infancia y alcanzar los ODS",
				"La semana comienza con el propio Llamado a la acción: qué pide a gobiernos y socios, por qué se escribió y cómo pueden sumarse las organizaciones."),
				"Día 1 de la #SSWWeek: el Llamado a la acción pide a gobiernos y socios planificar, formar y apoyar a la fuerza laboral del servicio social.",
				"Proteger a la infancia empieza por contar con suficientes trabajadores del servicio social formados. Apoyamos el Llamado a la acción. #SSWWeek"),
		}},
		{Year: 2018, Number: 2, Day: sswDate(2018, 9, 25), ResourceSlugs: []string{"mapping-the-workforce"}, Texts: []dayText{
			withShare(dayEN("Mapping the social service workforce to better protect children",
				"Knowing how many workers there are, where they work and what training they have is the first step in planning for more. Today's reading shows how countries have counted their workforce, and the Twitter chat invites you to share your own experience."),
				"How many social service workers does your country have, and where? Day 2 of #SSWWeek is about counting the workforce.",
				"Join today's #SSWWeek chat and tell us how your country maps its social service workforce."),
			withShare(dayES("Mapear la fuerza laboral del servicio social para proteger mejor a la infancia",
				"Saber cuántas personas trabajan, dónde y con qué formación es el primer paso para planificar. Las lecturas de hoy muestran cómo algunos países han contado a su fuerza laboral, y la conversación en Twitter le invita a compartir su experiencia."),
				"¿Cuántas trabajadoras y trabajadores del servicio social tiene su país, y dónde? El día 2 de la #SSWWeek trata de contar a la fuerza laboral.",
				"Participe hoy en la conversación de la #SSWWeek y cuéntenos cómo su país mapea a su fuerza laboral del servicio social."),
		}},
		{Year: 2018, Number: 3, Day: sswDate(2018, 9, 26), ResourceSlugs: []string{"workforce-strengthening-strategy"}, Texts: []dayText{
			withShare(dayEN("Developing a national strategy to strengthen the social service workforce",
				"A national strategy turns good intentions into posts, budgets and training places. We look at how governments and partners have written one together and what made it stick."),
				"A national strategy turns promises into posts, budgets and training places. Day 3 of #SSWWeek looks at how countries write one.",
				"Which step would make the biggest difference to the social service workforce where you live? Share it on Day 3 of #SSWWeek."),
			withShare(dayES("Elaborar una estrategia nacional para fortalecer la fuerza laboral del servicio social",
				"Una estrategia nacional convierte las buenas intenciones en puestos, presupuestos y plazas de formación. Veremos cómo gobiernos y socios la han elaborado juntos y qué hizo que funcionara."),
				"Una estrategia nacional convierte las promesas en puestos, presupuestos y plazas de formación. El día 3 de la #SSWWeek muestra cómo se elabora.",
				"¿Qué paso cambiaría más la situación de la fuerza laboral del servicio social donde usted vive? Compártalo en el día 3 de la #SSWWeek."),
		}},
		{Year: 2018, Number: 4, Day: sswDate(2018, 9, 27), ResourceSlugs: []string{"ending-violence-against-children"}, Texts: []dayText{
			withShare(dayEN("Ending violence against children requires a strong social service workforce",
				"Prevention and response both depend on trained people close to children and families. Join the webinar this morning to hear how the workforce fits into plans to end violence."),
				"Ending violence against children takes trained people close to families. Join the Day 4 #SSWWeek webinar on the workforce's part.",
				"Prevention and response both depend on social service workers. Today #SSWWeek asks what it takes to end violence against children."),
			withShare(dayES("Poner fin a la violencia contra la infancia requiere una fuerza laboral del servicio social sólida",
				"La prevención y la respuesta dependen de personas formadas y cercanas a la infancia y a las familias. Participe esta mañana en el seminario web para conocer el lugar de la fuerza laboral en los planes para poner fin a la violencia."),
				"Poner fin a la violencia contra la infancia exige personas formadas cerca de las familias. Únase al seminario web del día 4 de la #SSWWeek.",
				"La prevención y la respuesta dependen de la fuerza laboral del servicio social. Hoy la #SSWWeek pregunta qué hace falta para acabar con la violencia contra la infancia."),
		}},
		{Year: 2018, Number: 5, Day: sswDate(2018, 9, 28), ResourceSlugs: []string{"key-messages"}, Texts: []dayText{
			withShare(dayEN("Actions for realising a stronger social service workforce",
				"The week closes with practical steps: messages you can use with your own audiences, and ways to keep the Call to Action's recommendations on the agenda after the week ends."),
				"The week ends, the work goes on: five actions anyone can take for a stronger social service workforce. #SSWWeek",
				"Thank a social service worker today, and ask your leaders to invest in the workforce that protects children. #SSWWeek"),
			// Deliberately no Spanish text: the page shows this day in English.
		}},

		// 2019: the five topics on record, without texts we do not have.
		{Year: 2019, Number: 1, Day: sswDate(2019, 10, 21), Texts: []dayText{
			dayEN("Supervision across sectors", "")}},
		{Year: 2019, Number: 2, Day: sswDate(2019, 10, 22), Texts: []dayText{
			dayEN("Children on the move", "A webinar on the workforce's role with children on the move was held on this day.")}},
		{Year: 2019, Number: 3, Day: sswDate(2019, 10, 23), Texts: []dayText{
			dayEN("Mental health and hospital social work", "")}},
		{Year: 2019, Number: 4, Day: sswDate(2019, 10, 24), Texts: []dayText{
			dayEN("Multi-disciplinary teams in schools", "")}},
		{Year: 2019, Number: 5, Day: sswDate(2019, 10, 25), Texts: []dayText{
			dayEN("Self-care for the workforce", "")}},
	}
}

func editionEvents() []editionEvent {
	return []editionEvent{
		{
			Year: 2018, DayNumber: 2, Kind: "chat",
			StartsAt: sswUTC(2018, 9, 25, 13), EndsAt: sswUTC(2018, 9, 25, 14), // 09:00–10:00 EDT
			Hosts: "@SSWAlliance, @MtotoNews", Hashtag: "#SSWWeek",
			Texts: []eventText{
				{Lang: i18n.EN, Title: "Twitter chat: a stronger workforce to protect children and reach the SDGs",
					Description: "An hour of questions and answers on why the workforce needs strengthening and what is already working. Reply to the hosts, tag them, or add #SSWWeek so others can follow the conversation."},
				{Lang: i18n.ES, Title: "Conversación en Twitter: una fuerza laboral más fuerte para proteger a la infancia y alcanzar los ODS",
					Description: "Una hora de preguntas y respuestas sobre por qué hay que fortalecer a la fuerza laboral y qué ya está funcionando. Responda a las cuentas anfitrionas, menciónelas o use #SSWWeek para que otras personas sigan la conversación."},
			},
			Questions: chatQuestions2018(),
		},
		{
			Year: 2018, DayNumber: 4, Kind: "webinar",
			StartsAt: sswUTC(2018, 9, 27, 13), // 09:00 EDT; the end time is not on record
			Hosts:    "Global Social Service Workforce Alliance, UNICEF, Global Partnership to End Violence Against Children",
			Texts: []eventText{
				{Lang: i18n.EN, Title: "Webinar: ending violence against children needs a strong social service workforce",
					Description: "Speakers from the three host organisations discuss how social service workers prevent violence, respond when it happens, and what it takes to have enough of them."},
				{Lang: i18n.ES, Title: "Seminario web: poner fin a la violencia contra la infancia exige una fuerza laboral del servicio social sólida",
					Description: "Ponentes de las tres organizaciones anfitrionas explican cómo las trabajadoras y los trabajadores del servicio social previenen la violencia, cómo responden cuando ocurre y qué hace falta para contar con suficiente personal."},
			},
		},
		{
			Year: 2022, Kind: "webinar",
			StartsAt: sswUTC(2022, 10, 19, 12), EndsAt: sswUTC(2022, 10, 19, 13), // 8–9 am EDT
			Hosts: "Global Social Service Workforce Alliance",
			Texts: []eventText{
				{Lang: i18n.EN, Title: "Webinar: social service workers in health facilities",
					Description: "How social service workers in hospitals and clinics help patients and families, and why health budgets should plan for them."},
			},
		},
	}
}

// chatQuestions2018 are the 2018 Twitter chat's six questions, in our own
// words, in English and Spanish.
func chatQuestions2018() []chatQuestion {
	en := []string{
		"#SSWWeek is a chance to speak up for social service workers. Which advocacy efforts have you seen change a policy, win a bigger budget or gain recognition for #socialwork, #CYCW and other social service professions?",
		"What are you doing to make sure the social service workforce is planned, developed and supported to meet the needs of the communities it serves? #SSWWeek",
		"Why does ending violence against children and reaching #SDG16 depend on a stronger social service workforce? #SSWWeek #childprotection",
		"INSPIRE, from @WHO and partners, sets out seven strategies to #ENDViolence against children. How would you put its “R”, response and support services, into practice? #SSWWeek #SDG16",
		"How do social service workers help reach #SDG3, health and well-being for all, including support for people affected by #HIV and AIDS? #SSWWeek #AIDSFreeGen",
		"What is being done to prepare the workforce to support families and family-based care for children? How can strengthening the workforce become part of #carereform? #alternativecare #SSWWeek",
	}
	es := []string{
		"#SSWWeek es una oportunidad para alzar la voz por quienes trabajan en el servicio social. ¿Qué acciones de incidencia ha visto cambiar una política, conseguir más presupuesto o lograr reconocimiento para el #TrabajoSocial, el #CYCW y otras profesiones?",
		"¿Qué hace usted para que la fuerza laboral del servicio social esté bien planificada, formada y apoyada para atender a las comunidades donde trabaja? #SSWWeek",
		"¿Por qué poner fin a la violencia contra la infancia y alcanzar el #ODS16 depende de una fuerza laboral del servicio social más fuerte? #SSWWeek #ProtecciónInfantil",
		"INSPIRE, de la OMS (@WHO) y sus socios, propone siete estrategias para #ENDViolence contra la infancia. ¿Cómo llevaría a la práctica su «R», los servicios de respuesta y apoyo? #SSWWeek #ODS16",
		"¿Cómo contribuye la fuerza laboral del servicio social al #ODS3, salud y bienestar para todas las personas, incluido el apoyo a quienes viven con el #VIH o se ven afectadas por él? #SSWWeek #AIDSFreeGen",
		"¿Qué se hace para preparar a la fuerza laboral para apoyar a las familias y el cuidado familiar de niñas y niños? ¿Cómo integrar el fortalecimiento de la fuerza laboral en la #ReformaDelCuidado? #CuidadoAlternativo #SSWWeek",
	}
	var qs []chatQuestion
	for i := range en {
		qs = append(qs,
			chatQuestion{Number: i + 1, Lang: "en", Question: en[i]},
			chatQuestion{Number: i + 1, Lang: "es", Question: es[i]})
	}
	return qs
}

// withShare gives t its ready-to-post messages, one per line.
func withShare[T editionText | dayText](t T, messages ...string) T {
	switch v := any(&t).(type) {
	case *editionText:
		v.Share = strings.Join(messages, "\n")
	case *dayText:
		v.Share = strings.Join(messages, "\n")
	}
	return t
}
