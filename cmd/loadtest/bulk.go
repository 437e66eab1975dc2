package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/logo"
	"github.com/sswalliance/advocacy/internal/org"
	"github.com/sswalliance/advocacy/internal/store"
)

// The extra content of a big library and a long list of signatories, put
// straight into the live tables the public pages read, as the content
// kinds write them (the demo seed writes no editing state either). Each
// table takes one INSERT ... SELECT over generate_series, so 10,000 of
// each load in seconds. The words are made up for the purpose: enough
// variety that searches match some rows and rank them, and that names
// sort and filter as real ones would.

// bulkResourcePrefix starts the slug of every extra resource, followed by
// its number.
const bulkResourcePrefix = "sample-resource-"

var (
	bulkSubjectsEN = []string{
		"Supervising child protection caseworkers", "Training community social workers",
		"Paying and keeping the social service workforce", "Case management for families at risk",
		"Planning the workforce for care reform", "Licensing and registering social workers",
		"Para-professionals in community care", "Workforce data and information systems",
		"Psychosocial support in emergencies", "Social protection and cash transfers",
		"Alternative care for children", "Preventing violence in schools",
		"The wellbeing of frontline workers", "Educating child and youth care workers",
		"Budgeting for social services", "Moving from institutions to family care",
	}
	bulkFormsEN = []string{
		"a review", "lessons from practice", "a field guide", "a country study",
		"a short brief", "an evaluation", "a training module", "survey results",
	}
	bulkPlacesEN = []string{
		"Eastern Africa", "Southern Africa", "West Africa", "South Asia", "South-East Asia",
		"Latin America", "the Caribbean", "Central Asia", "the Middle East", "Eastern Europe",
		"the Pacific", "North Africa",
	}
	// About half of these name the workforce, as a real library of this
	// campaign would.
	bulkSentencesEN = []string{
		"Caseworkers in the study carried between forty and ninety open cases each.",
		"The social service workforce was too thin to reach rural districts every month.",
		"Supervisors met their teams once a fortnight to go through difficult cases.",
		"Ministries rarely counted the workforce employed by civil society groups.",
		"Families reported that a single trusted worker made the biggest difference.",
		"Pay below the national average drove experienced staff out of the sector.",
		"A short certificate course brought volunteers into paid community roles.",
		"Workforce planning began with a census of every post, filled or vacant.",
		"Local councils shared the cost of transport so workers could visit homes.",
		"Child and youth care workers asked for clearer rules on their duties.",
		"The review found that data on the workforce was scattered over five registers.",
		"Training budgets were the first cut whenever spending fell.",
		"Peer support groups lowered the number of workers who left within a year.",
		"Registration gave the profession a voice in how standards were set.",
		"Strengthening the workforce took both new posts and better management.",
		"Emergency teams relied on social workers who already knew the families.",
	}
	bulkSubjectsES = []string{
		"Supervisión de los equipos de protección infantil", "Formación de trabajadores sociales comunitarios",
		"Salarios y permanencia del personal de servicios sociales", "Gestión de casos con familias en riesgo",
		"Cuidado alternativo para niñas y niños", "Apoyo psicosocial en emergencias",
	}
	bulkSentencesES = []string{
		"Las trabajadoras sociales del estudio atendían entre cuarenta y noventa casos.",
		"El personal de servicios sociales no alcanzaba a visitar las zonas rurales.",
		"Las familias valoraron tener una persona de confianza a su lado.",
		"La formación continua fue lo primero en recortarse cuando bajó el presupuesto.",
		"Los equipos de supervisión se reunían cada dos semanas para revisar casos.",
		"El registro profesional dio a las trabajadoras una voz en las normas.",
	}
	bulkOrganisations = []string{
		"Global Social Service Workforce Alliance", "UNICEF", "Ministry of Social Development",
		"Regional Child Protection Network", "University School of Social Work",
		"National Association of Social Workers", "Community Care Trust",
	}

	// Organisation names: one of each list, so 30 x 30 x 12 = 10,800
	// distinct names before a number is needed.
	bulkNamePlaces = []string{
		"Northern", "Lakeside", "Highland", "Coastal", "Riverside", "Valley", "Capital", "Eastern",
		"Western", "Southern", "Central", "Delta", "Savannah", "Mountain", "Island", "Harbour",
		"Greenfield", "Sunrise", "Unity", "Horizon", "Pioneer", "Hillside", "Meadow", "Summit",
		"Bridgeway", "Crossroads", "Lighthouse", "Evergreen", "Cedar", "Baobab",
	}
	bulkNameFocus = []string{
		"Child Welfare", "Family Support", "Youth Care", "Social Work", "Community Care",
		"Child Protection", "Care Leavers", "Foster Care", "Early Childhood", "Disability Inclusion",
		"Mental Health", "Social Protection", "Street Children", "Kinship Care", "Adolescent Health",
		"Parenting", "Women's Rights", "Refugee Support", "Elder Care", "Family Strengthening",
		"Case Management", "Child Rights", "Orphan Care", "Community Health", "Social Development",
		"Inclusive Education", "Safe Homes", "Violence Prevention", "Juvenile Justice", "Welfare Workers",
	}
	bulkNameForms = []string{
		"Network", "Association", "Foundation", "Alliance", "Trust", "Council", "Institute",
		"Society", "Coalition", "Initiative", "Centre", "Collective",
	}
	// NGOs sign most; the rest spread over the other kinds.
	bulkOrgTypes = []string{"ngo", "ngo", "ngo", "ngo", "network", "academic", "government", "un-agency", "private-sector", "other"}
)

// bulkLogos is how many stand-in logos the extra signatories share: every
// real signatory sends one (the public form requires it).
const bulkLogos = 12

// loadResources adds n published resources, each with an English text
// (and a Spanish one for every fourth), one or two topics, and for every
// fifth a download (a copy of the demo content's first PDF, said to be in
// one of the document languages).
func loadResources(ctx context.Context, pool *pgxpool.Pool, n int) error {
	if n <= 0 {
		return nil
	}
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		args := pgx.NamedArgs{
			"n": n, "prefix": bulkResourcePrefix, "orgs": bulkOrganisations,
			"subjects": bulkSubjectsEN, "forms": bulkFormsEN, "places": bulkPlacesEN, "sentences": bulkSentencesEN,
			"subjects_es": bulkSubjectsES, "sentences_es": bulkSentencesES,
		}
		for _, step := range []struct{ what, sql string }{
			// The types of the campaign's own documents (the Call to
			// Action, key messages, toolkit) are left to them.
			{"resources", `
				INSERT INTO resources (slug, type_slug, year, month, organisation, published_at)
				SELECT @prefix::text || i, ty.slugs[1 + i % cardinality(ty.slugs)], d.year, d.month,
					(@orgs::text[])[1 + (i / 7) % cardinality(@orgs::text[])],
					make_date(d.year, coalesce(d.month, 1), 1)
				FROM generate_series(1, @n::int) AS i,
					(SELECT array_agg(slug ORDER BY position) AS slugs FROM resource_types
						WHERE slug NOT IN ('call-to-action', 'key-messages', 'toolkit')) AS ty,
					LATERAL (SELECT 1995 + (i * 7) % 30 AS year,
						CASE WHEN i % 3 = 0 THEN NULL ELSE 1 + i % 12 END::smallint AS month) AS d`},
			{"English texts", `
				INSERT INTO resource_texts (resource_id, lang, title, summary, body)
				SELECT r.id, 'en', t.subject || ': ' || t.form || ' from ' || t.place,
					'What ' || t.subject || ' looks like in ' || t.place || ', and what the findings mean for ministries and their partners.',
					(SELECT string_agg((@sentences::text[])[1 + (i * 3 + j * 5) % cardinality(@sentences::text[])],
							CASE WHEN j = 3 THEN E'\n\n' ELSE ' ' END ORDER BY j)
						FROM generate_series(0, 7) AS j)
				FROM generate_series(1, @n::int) AS i
				JOIN resources r ON r.slug = @prefix::text || i,
				LATERAL (SELECT (@subjects::text[])[1 + i % cardinality(@subjects::text[])] AS subject,
					(@forms::text[])[1 + (i / 16) % cardinality(@forms::text[])] AS form,
					(@places::text[])[1 + (i / 128) % cardinality(@places::text[])] AS place) AS t`},
			{"Spanish texts", `
				INSERT INTO resource_texts (resource_id, lang, title, summary, body)
				SELECT r.id, 'es', (@subjects_es::text[])[1 + (i / 4) % cardinality(@subjects_es::text[])] || ' (' || r.year || ')',
					'Un resumen de lo aprendido y de lo que significa para los ministerios y sus aliados.',
					(SELECT string_agg((@sentences_es::text[])[1 + (i + j) % cardinality(@sentences_es::text[])], ' ' ORDER BY j)
						FROM generate_series(0, 4) AS j)
				FROM generate_series(4, @n::int, 4) AS i
				JOIN resources r ON r.slug = @prefix::text || i`},
			{"topics", `
				INSERT INTO resource_topics (resource_id, topic_id)
				SELECT DISTINCT r.id, tp.ids[1 + k % cardinality(tp.ids)]
				FROM generate_series(1, @n::int) AS i
				JOIN resources r ON r.slug = @prefix::text || i,
					(SELECT array_agg(id ORDER BY id) AS ids FROM topics) AS tp,
					LATERAL (VALUES (i), (i * 7 + 3)) AS v(k)
				WHERE tp.ids IS NOT NULL`},
			// A download belongs to one resource (the editor sees to it),
			// so each has its own file: the demo's first PDF, copied.
			{"files", `
				INSERT INTO files (name, content_type, sha256, data)
				SELECT @prefix::text || i || '.pdf', 'application/pdf', sha256(p.data), p.data
				FROM generate_series(5, @n::int, 5) AS i,
					(SELECT data FROM files WHERE content_type = 'application/pdf' ORDER BY id LIMIT 1) AS p`},
			{"downloads", `
				INSERT INTO resource_files (resource_id, file_id, lang, label, position)
				SELECT r.id, f.id, (ARRAY['en', 'es', 'fr', 'pt'])[1 + (i / 5) % 4], '', 1
				FROM generate_series(5, @n::int, 5) AS i
				JOIN resources r ON r.slug = @prefix::text || i
				JOIN files f ON f.name = @prefix::text || i || '.pdf'`},
		} {
			if _, err := tx.Exec(ctx, step.sql, args); err != nil {
				return fmt.Errorf("load %d resources: %s: %w", n, step.what, err)
			}
		}
		return nil
	})
}

// loadSignatories adds n approved signatories, as if each had signed on
// the public form: distinct names, a website and contact, a country (all
// of them, in turn), a kind of organisation, and one of bulkLogos logos.
func loadSignatories(ctx context.Context, pool *pgxpool.Pool, n int) error {
	if n <= 0 {
		return nil
	}
	st := store.New(pool)
	var logos, originals []string
	for i := range bulkLogos {
		l, err := logo.Process(ctx, standInLogo(i))
		if err != nil {
			return fmt.Errorf("load %d signatories: logo %d: %w", n, i, err)
		}
		orig := fmt.Sprintf("%x", sha256.Sum256(l.Original))
		if err := st.SaveLogo(ctx, store.Logo{SHA256: l.SHA256, PNG: l.PNG, Width: l.Width, Height: l.Height},
			l.Original, orig, l.OriginalType, l.OriginalExt); err != nil {
			return fmt.Errorf("load %d signatories: %w", n, err)
		}
		logos, originals = append(logos, l.SHA256), append(originals, orig)
	}
	_, err := pool.Exec(ctx, `
		INSERT INTO signatories (name, website, country, org_type, contact_name, contact_email, contact_role,
			lang, name_key, domain, logo_sha, original_sha, consent_at, status, source,
			confirmed_at, decided_at, created_at, updated_at)
		SELECT nm.name, 'https://www.' || nm.key || '.example.org',
			(@countries::text[])[1 + (i * 37) % cardinality(@countries::text[])],
			(@types::text[])[1 + i % cardinality(@types::text[])],
			'Contact ' || (i + 1), 'contact' || (i + 1) || '@' || nm.key || '.example.org', 'Coordinator',
			CASE WHEN i % 5 = 0 THEN 'es' ELSE 'en' END,
			nm.key, nm.key || '.example.org',
			(@logos::text[])[1 + i % cardinality(@logos::text[])],
			(@originals::text[])[1 + i % cardinality(@originals::text[])],
			t.at, 'approved', 'form', t.at, t.at + interval '2 days', t.at, t.at + interval '2 days'
		FROM generate_series(0, @n::int - 1) AS i,
		-- Name i is like the digits of i in a mixed radix, one list per
		-- digit: distinct until the lists run out, then numbered.
		LATERAL (SELECT cardinality(@places::text[]) AS a, cardinality(@focus::text[]) AS b,
			cardinality(@forms::text[]) AS c) AS len,
		LATERAL (SELECT (@places::text[])[1 + i % len.a] || ' ' || (@focus::text[])[1 + (i / len.a) % len.b] || ' ' ||
			(@forms::text[])[1 + (i / (len.a * len.b)) % len.c] ||
			CASE WHEN i >= len.a * len.b * len.c THEN ' ' || (i / (len.a * len.b * len.c) + 1) ELSE '' END AS name) AS n0,
		-- The names are ASCII, so this is what signing.NameKey makes of them.
		LATERAL (SELECT n0.name, lower(regexp_replace(n0.name, '[^A-Za-z0-9]', '', 'g')) AS key) AS nm,
		LATERAL (SELECT now() - interval '3 days' - (i % 3000) * interval '7 hours' AS at) AS t`,
		pgx.NamedArgs{
			"n": n, "countries": org.Countries, "types": bulkOrgTypes, "logos": logos, "originals": originals,
			"places": bulkNamePlaces, "focus": bulkNameFocus, "forms": bulkNameForms,
		})
	if err != nil {
		return fmt.Errorf("load %d signatories: %w", n, err)
	}
	return nil
}

// standInLogo is a small PNG, different for each i: a coloured field with
// white bars, as a stand-in for an organisation's logo.
func standInLogo(i int) []byte {
	const w, h = 240, 80
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	bg := color.RGBA{uint8(40 + i*53%160), uint8(60 + i*97%140), uint8(80 + i*31%150), 0xff}
	for y := range h {
		for x := range w {
			c := bg
			if y > 20 && y < 60 && (x/(12+i%5))%3 == 0 && x > 20 && x < w-20 {
				c = color.RGBA{0xff, 0xff, 0xff, 0xff}
			}
			m.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		panic(err) // encoding an in-memory RGBA image cannot fail
	}
	return b.Bytes()
}

// analyze refreshes the planner's statistics after a bulk load, as
// autovacuum would soon after on a real site.
func analyze(ctx context.Context, pool *pgxpool.Pool) error {
	if _, err := pool.Exec(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}
