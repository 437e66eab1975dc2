package content

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
)

func init() { builtin = append(builtin, ResourceKind, ResourceFileKind) }

// pinnedResources are the resources a public page finds by slug to offer
// its document (see document in internal/web): slug -> the page's name.
// Renaming one would silently take the download off that page.
var pinnedResources = map[string]string{
	"call-to-action":          "The Call to Action page",
	"global-advocacy-toolkit": "The toolkit page",
	"key-messages":            "The key messages page",
}

// monthNames label a resource's month options, whose values are 1 to 12.
var monthNames = []string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// resourceFields are the form of ResourceKind; a variable of its own so the kind's
// functions can read it without referring to the kind itself.
var resourceFields = []Field{
	{Name: "slug", Label: "Address", Hint: "The resource's page is /resources/ followed by this: lowercase words joined by hyphens, e.g. mapping-the-workforce.", Type: Slug, Required: true, MaxLen: 100},
	{Name: "type", Label: "Type", Hint: "Types marked “toolkit” also list the resource on the toolkit page.", Type: Select, Required: true, Options: resourceTypeOptions},
	{Name: "year", Label: "Year published", Hint: "Four digits, e.g. 2018.", Type: Number, Required: true},
	{Name: "month", Label: "Month published", Hint: "Leave as “Not known” when only the year is known.", Type: Select, Options: monthOptions},
	{Name: "organisation", Label: "Organisation", Hint: "Who wrote or published it, e.g. Global Social Service Workforce Alliance and UNICEF.", Type: Text, MaxLen: 300},
	{Name: "topics", Label: "Topics", Hint: "Tick every subject it covers: visitors filter the library by topic.", Type: Choices, Options: topicOptions},
	{Name: "title", Label: "Title", Type: Text, Translated: true, Required: true, MaxLen: 200},
	{Name: "summary", Label: "Summary", Hint: "One or two sentences, shown in the library's list and search results.", Type: Textarea, Translated: true, MaxLen: 1000},
	{Name: "body", Label: "Description", Hint: "The full text on the resource's own page.", Type: Markdown, Translated: true},
	{Name: "links", Label: "Links", Hint: "Related pages elsewhere, one link per line: the address, a space, then the link text, e.g. https://example.org/report Full report", Type: Lines},
}

var resourceTexts = texts(`INSERT INTO resource_texts (resource_id, lang, title, summary, body)`, resourceFields)

// ResourceKind is an item of the library: its texts, type, topics and
// links. Its files are ResourceFileKind items. The documents of the Call to
// Action, key messages and toolkit pages are resources too.
var ResourceKind = &Kind{
	Name: "resource", Label: "Resource", Plural: "Resources",
	Intro:         "The library at /resources: reports, guides, toolkit materials, and the documents offered on the Call to Action, key messages and toolkit pages. Spanish fields left empty show the English text.",
	Fields:        resourceFields,
	RedirectMoves: true,
	Title:         func(d Doc) string { return d["title.en"] },
	List: func(ctx context.Context, db DB, _ string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT r.slug, coalesce(t.title, r.slug), coalesce(tt.name, r.type_slug) || ', ' || r.year
			FROM resources r
			LEFT JOIN resource_texts t ON t.resource_id = r.id AND t.lang = 'en'
			LEFT JOIN resource_type_texts tt ON tt.type_slug = r.type_slug AND tt.lang = 'en'
			ORDER BY r.year DESC, t.title, r.slug`)
		entries, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Entry])
		if err != nil {
			return nil, fmt.Errorf("content: list resources: %w", err)
		}
		return entries, nil
	},
	Load:   loadResource,
	Save:   saveResource,
	Delete: deleteResource,
	Check:  checkResource,
	PublicPath: func(key string, d Doc) string {
		if d["slug"] != "" {
			return "/resources/" + d["slug"]
		}
		return "/resources/" + key
	},
	New: func(string) Doc {
		return Doc{"year": strconv.Itoa(time.Now().Year())}
	},
}

func resourceTypeOptions(ctx context.Context, db DB, _ Doc) ([]Option, error) {
	rows, _ := db.Query(ctx, `
		SELECT ty.slug, coalesce(t.name, ty.slug) || CASE WHEN ty.toolkit THEN ' (toolkit)' ELSE '' END
		FROM resource_types ty
		LEFT JOIN resource_type_texts t ON t.type_slug = ty.slug AND t.lang = 'en'
		ORDER BY ty.position, ty.slug`)
	opts, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Option])
	if err != nil {
		return nil, fmt.Errorf("content: resource type options: %w", err)
	}
	return opts, nil
}

// topicOptions are in the order Load lists a resource's topics, so a form
// sent back unchanged gives the same doc.
func topicOptions(ctx context.Context, db DB, _ Doc) ([]Option, error) {
	rows, _ := db.Query(ctx, `
		SELECT tp.slug, coalesce(t.name, tp.slug)
		FROM topics tp
		LEFT JOIN topic_texts t ON t.topic_id = tp.id AND t.lang = 'en'
		ORDER BY t.name, tp.slug`)
	opts, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Option])
	if err != nil {
		return nil, fmt.Errorf("content: topic options: %w", err)
	}
	return opts, nil
}

func monthOptions(context.Context, DB, Doc) ([]Option, error) {
	opts := []Option{{Value: "", Label: "Not known"}}
	for i, m := range monthNames {
		opts = append(opts, Option{Value: strconv.Itoa(i + 1), Label: m})
	}
	return opts, nil
}

func loadResource(ctx context.Context, db DB, key string) (Doc, error) {
	var (
		id                      int64
		slug, typ, organisation string
		year                    int
		month                   *int
	)
	err := db.QueryRow(ctx, `SELECT id, slug, type_slug, year, month, organisation FROM resources WHERE slug = $1`, key).
		Scan(&id, &slug, &typ, &year, &month, &organisation)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("content: load resource %s: %w", key, err)
	}
	d := Doc{"slug": slug, "type": typ, "year": strconv.Itoa(year), "month": "", "organisation": organisation}
	if month != nil {
		d["month"] = strconv.Itoa(*month)
	}

	rows, _ := db.Query(ctx, `SELECT lang, title, summary, body FROM resource_texts WHERE resource_id = $1`, id)
	var lang, title, summary, body string
	_, err = pgx.ForEachRow(rows, []any{&lang, &title, &summary, &body}, func() error {
		l := i18n.Lang(lang)
		d[Key("title", l)], d[Key("summary", l)], d[Key("body", l)] = title, summary, body
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("content: load resource %s: texts: %w", key, err)
	}

	rows, _ = db.Query(ctx, `
		SELECT tp.slug FROM resource_topics rt
		JOIN topics tp ON tp.id = rt.topic_id
		LEFT JOIN topic_texts t ON t.topic_id = tp.id AND t.lang = 'en'
		WHERE rt.resource_id = $1
		ORDER BY t.name, tp.slug`, id)
	topics, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("content: load resource %s: topics: %w", key, err)
	}
	d["topics"] = strings.Join(topics, "\n")

	rows, _ = db.Query(ctx, `SELECT url || ' ' || label FROM resource_links WHERE resource_id = $1 ORDER BY position`, id)
	links, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("content: load resource %s: links: %w", key, err)
	}
	d["links"] = strings.Join(links, "\n")
	return d, nil
}

func saveResource(ctx context.Context, db DB, key string, d Doc) (string, error) {
	slug := d["slug"]
	year, err := strconv.Atoi(d["year"])
	if err != nil {
		return "", fmt.Errorf("content: save resource %s: year %q: %w", slug, d["year"], err)
	}
	var month *int
	if d["month"] != "" {
		m, err := strconv.Atoi(d["month"])
		if err != nil {
			return "", fmt.Errorf("content: save resource %s: month %q: %w", slug, d["month"], err)
		}
		month = &m
	}
	links, problems := parseResourceLinks(d["links"])
	if len(problems) > 0 {
		return "", fmt.Errorf("content: save resource %s: links: %s", slug, strings.Join(problems, " "))
	}

	// published_at follows the year and month, as the demo content sets it:
	// the library knows when a resource came out, not when it was entered.
	args := pgx.NamedArgs{"key": key, "slug": slug, "type": d["type"], "year": year, "month": month, "org": d["organisation"]}
	var id int64
	if key == "" {
		err = db.QueryRow(ctx, `
			INSERT INTO resources (slug, type_slug, year, month, organisation, published_at)
			VALUES (@slug, @type, @year::int, @month::int, @org, make_date(@year::int, coalesce(@month::int, 1), 1))
			RETURNING id`, args).Scan(&id)
	} else {
		err = db.QueryRow(ctx, `
			UPDATE resources SET slug = @slug, type_slug = @type, year = @year::int, month = @month::int,
				organisation = @org, published_at = make_date(@year::int, coalesce(@month::int, 1), 1), updated_at = now()
			WHERE slug = @key
			RETURNING id`, args).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			err = ErrNotFound
		}
	}
	if err != nil {
		return "", fmt.Errorf("content: save resource %s: %w", slug, err)
	}

	// A language without a title loses its row: the resource shows in English.
	if err := resourceTexts.save(ctx, db, id, d); err != nil {
		return "", fmt.Errorf("content: save resource %s: %w", slug, err)
	}

	topics := choiceValues(d["topics"])
	if _, err := db.Exec(ctx, `DELETE FROM resource_topics WHERE resource_id = $1`, id); err != nil {
		return "", fmt.Errorf("content: save resource %s: topics: %w", slug, err)
	}
	tag, err := db.Exec(ctx, `
		INSERT INTO resource_topics (resource_id, topic_id)
		SELECT $1, id FROM topics WHERE slug = ANY($2)`, id, topics)
	if err != nil {
		return "", fmt.Errorf("content: save resource %s: topics: %w", slug, err)
	}
	if int(tag.RowsAffected()) != len(topics) {
		return "", fmt.Errorf("content: save resource %s: topics %q: some are unknown or repeated", slug, topics)
	}

	if _, err := db.Exec(ctx, `DELETE FROM resource_links WHERE resource_id = $1`, id); err != nil {
		return "", fmt.Errorf("content: save resource %s: links: %w", slug, err)
	}
	for i, l := range links {
		_, err := db.Exec(ctx, `INSERT INTO resource_links (resource_id, position, url, label) VALUES ($1, $2, $3, $4)`,
			id, i+1, l.url, l.label)
		if err != nil {
			return "", fmt.Errorf("content: save resource %s: link %d: %w", slug, i+1, err)
		}
	}
	return slug, nil
}

// deleteResource removes the resource with its texts, topics, links and
// file attachments (ON DELETE CASCADE). The uploaded files themselves stay
// in files: revisions of the resource's files still name them, and
// restoring one needs the upload to exist.
func deleteResource(ctx context.Context, db DB, key string) error {
	tag, err := db.Exec(ctx, `DELETE FROM resources WHERE slug = $1`, key)
	if err != nil {
		return fmt.Errorf("content: delete resource %s: %w", key, err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

func checkResource(ctx context.Context, db DB, key string, d Doc) map[string]string {
	problems := map[string]string{}
	slug := d["slug"]
	if page, ok := pinnedResources[key]; ok && slug != key {
		problems["slug"] = page + " offers this resource's files and finds it by its address, so keep the address " + key + "."
	} else if slug != key {
		var taken bool
		err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM resources WHERE slug = $1)`, slug).Scan(&taken)
		switch {
		case err != nil:
			problems["slug"] = "This address could not be checked just now. Please try again."
		case taken:
			problems["slug"] = "Another resource already uses this address. Choose a different one."
		}
	}
	if year, err := strconv.Atoi(d["year"]); err == nil && (year < 1990 || year > 2100) {
		problems["year"] = "Give a year between 1990 and 2100."
	}
	if _, bad := parseResourceLinks(d["links"]); len(bad) > 0 {
		problems["links"] = strings.Join(bad, " ")
	}
	for _, l := range i18n.Langs {
		if l == i18n.EN || d[Key("title", l)] != "" {
			continue
		}
		if d[Key("summary", l)] != "" || d[Key("body", l)] != "" {
			problems[Key("title", l)] = "Add a title in this language too, or leave all of this language's fields empty to show the English version."
		}
	}
	return problems
}

// resourceLink is a parsed line of a resource's links field.
type resourceLink struct{ url, label string }

// parseResourceLinks reads the links field: one "address text" pair per
// line, blank lines skipped. It returns what it read and a plain-English
// problem per line it could not.
func parseResourceLinks(s string) ([]resourceLink, []string) {
	var (
		links    []resourceLink
		problems []string
	)
	for i, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		addr, label := line, ""
		if cut := strings.IndexFunc(line, unicode.IsSpace); cut >= 0 {
			addr, label = line[:cut], strings.TrimSpace(line[cut:])
		}
		u, err := url.Parse(addr)
		switch {
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			problems = append(problems, fmt.Sprintf("Line %d: start with a full web address, such as https://example.org/report.", i+1))
		case label == "":
			problems = append(problems, fmt.Sprintf("Line %d: after the address, add a space and the words to show for the link.", i+1))
		default:
			links = append(links, resourceLink{url: addr, label: label})
		}
	}
	return links, problems
}

// choiceValues splits a Choices or Lines value into its non-empty entries.
func choiceValues(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// resourceDocLangs are the languages a resource's documents may be in.
var resourceDocLangs = []string{"en", "es", "fr", "pt"}

// resourceDocLangName is a document language's English name: "French".
func resourceDocLangName(code string) string { return i18n.EN.T("resource.doclang." + code) }

// ResourceFileKind is a download of a resource: an uploaded file, the
// language it is written in, and an optional link text. Its key is the
// file's id, so replacing the upload gives the item a new key.
var ResourceFileKind = &Kind{
	Name: "resource-file", Label: "File", Plural: "Files",
	Intro:  "The documents visitors download from a resource's page, in the order shown here.",
	Parent: "resource", ParentField: "resource", Ordered: true,
	Fields: []Field{
		{Name: "file", Label: "File", Hint: "PDF, Word, Excel, PowerPoint or an image, up to 50 MB.", Type: File, Required: true},
		{Name: "lang", Label: "Language of the document", Type: Select, Required: true,
			Options: func(context.Context, DB, Doc) ([]Option, error) {
				opts := make([]Option, len(resourceDocLangs))
				for i, code := range resourceDocLangs {
					opts[i] = Option{Value: code, Label: resourceDocLangName(code)}
				}
				return opts, nil
			}},
		{Name: "label", Label: "Link text", Hint: "Optional, written in the document's language, e.g. Descarga en español. Left empty, the link says “Download”.", Type: Text, MaxLen: 120},
	},
	// file_name is not a field: Load adds the stored file's name so Title
	// has something to show for a file without a link text.
	Title: func(d Doc) string {
		switch {
		case d["label"] != "":
			return d["label"]
		case d["file_name"] != "":
			return d["file_name"]
		default:
			return resourceDocLangName(d["lang"]) + " document"
		}
	},
	List: func(ctx context.Context, db DB, parent string) ([]Entry, error) {
		rows, _ := db.Query(ctx, `
			SELECT rf.file_id, coalesce(nullif(rf.label, ''), f.name), rf.lang, f.content_type, f.size
			FROM resource_files rf
			JOIN resources r ON r.id = rf.resource_id
			JOIN files f ON f.id = rf.file_id
			WHERE r.slug = $1
			ORDER BY rf.position, f.id`, parent)
		var (
			entries           []Entry
			id, size          int64
			title, lang, mime string
		)
		_, err := pgx.ForEachRow(rows, []any{&id, &title, &lang, &mime, &size}, func() error {
			entries = append(entries, Entry{Key: strconv.FormatInt(id, 10), Title: title, Note: resourceFileNote(lang, mime, size)})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("content: list files of resource %s: %w", parent, err)
		}
		return entries, nil
	},
	Load:   loadResourceFile,
	Save:   saveResourceFile,
	Delete: deleteResourceFile,
	Move: func(ctx context.Context, db DB, key string, delta int) error {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return ErrNotFound
		}
		var resource int64
		var pos int
		err = db.QueryRow(ctx, `SELECT resource_id, position FROM resource_files WHERE file_id = $1 ORDER BY resource_id LIMIT 1`, id).
			Scan(&resource, &pos)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("content: move file %d: %w", id, err)
		}
		return swapPositions(ctx, db, "resource_files", "resource_id = $1", []any{resource}, pos, delta)
	},
	Check:      checkResourceFile,
	PublicPath: func(_ string, d Doc) string { return "/resources/" + d["resource"] },
	New:        func(parent string) Doc { return Doc{"resource": parent, "lang": "en"} },
}

// resourceFileNote describes a download for the admin's list as the public
// page does: "Spanish, PDF, 1.2 MB".
func resourceFileNote(lang, contentType string, size int64) string {
	return resourceDocLangName(lang) + ", " + i18n.FileFormat(contentType) + ", " + i18n.EN.FileSize(size)
}

func loadResourceFile(ctx context.Context, db DB, key string) (Doc, error) {
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		return nil, ErrNotFound
	}
	var resource, lang, label, name string
	// A file belongs to one resource (checkResourceFile sees to it); the
	// order only makes the answer stable if the data says otherwise.
	err = db.QueryRow(ctx, `
		SELECT r.slug, rf.lang, rf.label, f.name
		FROM resource_files rf
		JOIN resources r ON r.id = rf.resource_id
		JOIN files f ON f.id = rf.file_id
		WHERE rf.file_id = $1
		ORDER BY r.id LIMIT 1`, id).Scan(&resource, &lang, &label, &name)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("content: load file %d: %w", id, err)
	}
	return Doc{"resource": resource, "file": key, "lang": lang, "label": label, "file_name": name}, nil
}

// saveResourceFile attaches d's file to its resource, or replaces the file
// of the attachment with key, keeping its place in the list. A replaced
// upload stays in files, so an earlier revision can still be restored.
func saveResourceFile(ctx context.Context, db DB, key string, d Doc) (string, error) {
	file, err := strconv.ParseInt(d["file"], 10, 64)
	if err != nil {
		return "", fmt.Errorf("content: save file of resource %s: file id %q: %w", d["resource"], d["file"], err)
	}
	args := pgx.NamedArgs{"resource": d["resource"], "file": file, "lang": d["lang"], "label": d["label"]}
	var sql string
	if key == "" {
		sql = `
			INSERT INTO resource_files (resource_id, file_id, lang, label, position)
			SELECT r.id, @file, @lang, @label,
				coalesce((SELECT max(position) FROM resource_files WHERE resource_id = r.id), 0) + 1
			FROM resources r WHERE r.slug = @resource`
	} else {
		old, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return "", ErrNotFound
		}
		// The key alone names the attachment: d's resource slug is only
		// needed to create one, and may be stale in a draft written before
		// the resource's address changed.
		args["old"] = old
		sql = `UPDATE resource_files SET file_id = @file, lang = @lang, label = @label WHERE file_id = @old`
	}
	tag, err := db.Exec(ctx, sql, args)
	if err == nil && tag.RowsAffected() == 0 {
		err = ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("content: save file %d of resource %s: %w", file, d["resource"], err)
	}
	return strconv.FormatInt(file, 10), nil
}

// deleteResourceFile takes the download off its resource. The upload stays
// in files, for the same reason as in saveResourceFile.
func deleteResourceFile(ctx context.Context, db DB, key string) error {
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		return ErrNotFound
	}
	tag, err := db.Exec(ctx, `DELETE FROM resource_files WHERE file_id = $1`, id)
	if err != nil {
		return fmt.Errorf("content: delete file %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

func checkResourceFile(ctx context.Context, db DB, key string, d Doc) map[string]string {
	problems := map[string]string{}
	if key == "" {
		// Only a new attachment is placed by its resource's slug (see
		// saveResourceFile).
		var resourceExists bool
		if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM resources WHERE slug = $1)`, d["resource"]).Scan(&resourceExists); err != nil {
			problems["resource"] = "The resource could not be checked just now. Please try again."
		} else if !resourceExists {
			problems["resource"] = "The resource this file belongs to no longer exists."
		}
	}

	file, err := strconv.ParseInt(d["file"], 10, 64)
	if err != nil {
		problems["file"] = "Choose the file to upload."
		return problems
	}
	// The key is the file's id, so one upload can be the download of one
	// resource only.
	var stored bool
	var owner string
	err = db.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM files WHERE id = $1),
			coalesce((SELECT coalesce(t.title, r.slug) FROM resource_files rf
				JOIN resources r ON r.id = rf.resource_id
				LEFT JOIN resource_texts t ON t.resource_id = r.id AND t.lang = 'en'
				WHERE rf.file_id = $1 AND $2 ORDER BY r.id LIMIT 1), '')`,
		file, strconv.FormatInt(file, 10) != key).Scan(&stored, &owner)
	switch {
	case err != nil:
		problems["file"] = "The file could not be checked just now. Please try again."
	case !stored:
		problems["file"] = "The uploaded file could not be found. Please upload it again."
	case owner != "":
		problems["file"] = "This upload is already a download of “" + owner + "”. Upload the file again to add it here too."
	}
	return problems
}
