package store_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestResourceRoundTripAndSearch(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	err := st.InTx(ctx, func(tx *store.Store) error {
		if _, err := publish(ctx, tx, content.ResourceTypeKind, "", content.Doc{"slug": "guide",
			"name.en": "Guide", "plural.en": "Guides", "name.es": "Guía", "plural.es": "Guías"}); err != nil {
			return err
		}
		if _, err := publish(ctx, tx, content.TopicKind, "", content.Doc{"slug": "health", "name.en": "Health"}); err != nil {
			return err
		}
		file, err := tx.CreateFile(ctx, "guide-es.pdf", "application/pdf", []byte("%PDF-"))
		if err != nil {
			return err
		}
		if _, err := publish(ctx, tx, content.ResourceKind, "", content.Doc{
			"slug": "guide", "type": "guide", "year": "2018", "month": "5", "organisation": "Org",
			"title.en": "A guide", "summary.en": "S", "body.en": "Workers need **supervision** & <i>care</i>, said \"the team\".",
			"title.es": "Una guía", "summary.es": "R", "body.es": "Las trabajadoras necesitan supervisión.",
			"topics": "health", "links": "https://example.org/ Example",
		}); err != nil {
			return err
		}
		if _, err := publish(ctx, tx, content.ResourceFileKind, "guide", content.Doc{
			"file": strconv.FormatInt(file, 10), "lang": "es", "label": "Descarga"}); err != nil {
			return err
		}
		_, err = publish(ctx, tx, content.ResourceKind, "", content.Doc{"slug": "other", "type": "guide", "year": "2016",
			"title.en": "Another", "body.en": "Nothing in common."})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	r, err := st.Resource(ctx, "guide", i18n.ES)
	if err != nil {
		t.Fatal(err)
	}
	if r.Lang != "es" || r.Title != "Una guía" || r.Type.Name != "Guía" || r.Month != 5 || r.Year != 2018 {
		t.Errorf("Spanish resource = %+v", r)
	}
	if len(r.Topics) != 1 || r.Topics[0].Name != "Health" || r.Topics[0].Lang != "en" {
		t.Errorf("topics (English fallback) = %+v", r.Topics)
	}
	if len(r.Files) != 1 || r.Files[0].URL() != "/files/"+strconv.FormatInt(r.Files[0].FileID, 10)+"/guide-es.pdf" || r.Files[0].Size != 5 || r.Files[0].Label != "Descarga" {
		t.Errorf("files = %+v", r.Files)
	}
	if len(r.Links) != 1 || strings.Join(r.DocLangs(), ",") != "es" {
		t.Errorf("links %+v, languages %v", r.Links, r.DocLangs())
	}
	if _, err := st.Resource(ctx, "nope", i18n.EN); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown slug: %v", err)
	}
	err = st.InTx(ctx, func(tx *store.Store) error {
		_, err := publish(ctx, tx, content.ResourceKind, "", content.Doc{"slug": "bad", "type": "guide", "year": "2018",
			"topics": "no-such-topic", "title.en": "T"})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "no-such-topic") {
		t.Errorf("unknown topic: %v", err)
	}

	// The snippet comes back in segments; markup in the body stays text.
	res, err := st.SearchResources(ctx, store.ResourceFilter{Query: "supervision care"}, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 {
		t.Fatalf("search: %+v", res)
	}
	var marked []string
	var text strings.Builder
	for _, s := range res.Hits[0].Snippet {
		text.WriteString(s.Text)
		if s.Mark {
			marked = append(marked, s.Text)
		}
	}
	if strings.Join(marked, ",") != "supervision,care" || !strings.Contains(text.String(), `& care , said "the team`) || strings.Contains(text.String(), "**") {
		t.Errorf("snippet %q, marked %v", text.String(), marked)
	}

	// Spanish stems; the Spanish visitor searches the Spanish row.
	res, err = st.SearchResources(ctx, store.ResourceFilter{Query: "trabajadora"}, i18n.ES)
	if err != nil || res.Total != 1 || res.Hits[0].Lang != "es" {
		t.Errorf("Spanish search: %+v, %v", res, err)
	}
	// Filters, and a page past the end still gives the total.
	res, err = st.SearchResources(ctx, store.ResourceFilter{Year: 2016, Limit: 1, Offset: 5}, i18n.EN)
	if err != nil || res.Total != 1 || len(res.Hits) != 0 {
		t.Errorf("past the end: %+v, %v", res, err)
	}
	res, err = st.SearchResources(ctx, store.ResourceFilter{DocLang: "es", Topic: "health", Type: "guide"}, i18n.EN)
	if err != nil || res.Total != 1 || res.Hits[0].Slug != "guide" {
		t.Errorf("filters: %+v, %v", res, err)
	}

	types, err := st.ResourceTypes(ctx, i18n.EN)
	if err != nil || len(types) != 1 || types[0].Count != 2 {
		t.Errorf("types: %+v, %v", types, err)
	}
	first, last, err := st.ResourceYears(ctx)
	if err != nil || first != 2016 || last != 2018 {
		t.Errorf("years %d-%d, %v", first, last, err)
	}
}
