package seed

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"sync"

	"github.com/sswalliance/advocacy/internal/media"
	"github.com/sswalliance/advocacy/internal/store"
)

// The demo's media library: scenes the seed draws itself (no photograph
// is copied), each the lead image of a post or of the 2018 edition, and
// one shown inside a post's text.
type demoImage struct {
	name  string
	sky   [2]color.RGBA // top and bottom of the background
	hill  color.RGBA
	coats []color.RGBA // one figure per coat
	texts store.MediaTexts
	// leads are the blog posts (by slug) it is the lead image of.
	leads []string
}

var demoImages = []demoImage{
	{name: "meeting", sky: [2]color.RGBA{{230, 241, 243, 255}, {180, 214, 220, 255}}, hill: color.RGBA{11, 85, 99, 255},
		coats: []color.RGBA{{163, 66, 11, 255}, {255, 191, 71, 255}, {7, 58, 68, 255}},
		texts: store.MediaTexts{AltEN: "Drawing of three people talking together in front of green hills", AltES: "Dibujo de tres personas conversando frente a unas colinas verdes",
			CaptionEN: "Workers, families and communities plan together.", CaptionES: "Personal, familias y comunidades planifican juntos.", Credit: "Illustration: campaign team"},
		leads: []string{"putting-the-call-to-action-to-work"}},
	{name: "counting", sky: [2]color.RGBA{{255, 244, 222, 255}, {255, 214, 153, 255}}, hill: color.RGBA{126, 50, 9, 255},
		coats: []color.RGBA{{11, 85, 99, 255}, {11, 85, 99, 255}, {11, 85, 99, 255}, {11, 85, 99, 255}, {163, 66, 11, 255}},
		texts: store.MediaTexts{AltEN: "Drawing of a row of five people, one of them highlighted", AltES: "Dibujo de una fila de cinco personas, una de ellas resaltada",
			CaptionEN: "Every worker counted is a worker planned for.", CaptionES: "Cada trabajador contado es un trabajador previsto.", Credit: "Illustration: campaign team"},
		leads: []string{"counting-the-workforce"}},
	{name: "strategy", sky: [2]color.RGBA{{236, 236, 246, 255}, {196, 200, 230, 255}}, hill: color.RGBA{28, 37, 38, 255},
		coats: []color.RGBA{{11, 85, 99, 255}, {163, 66, 11, 255}},
		texts: store.MediaTexts{AltEN: "Drawing of two people standing on a hill under an evening sky", AltES: "Dibujo de dos personas de pie en una colina bajo un cielo de tarde",
			CaptionEN: "A strategy links promises to people.", CaptionES: "Una estrategia une las promesas con las personas.", Credit: "Illustration: campaign team"},
		leads: []string{"a-national-strategy"}},
	{name: "week", sky: [2]color.RGBA{{224, 240, 228, 255}, {170, 214, 186, 255}}, hill: color.RGBA{7, 58, 68, 255},
		coats: []color.RGBA{{163, 66, 11, 255}, {255, 191, 71, 255}, {11, 85, 99, 255}, {126, 50, 9, 255}},
		texts: store.MediaTexts{AltEN: "Drawing of four people walking together across a valley", AltES: "Dibujo de cuatro personas caminando juntas por un valle",
			CaptionEN: "Social Service Workforce Week 2018.", CaptionES: "Semana de la Fuerza Laboral de Servicio Social 2018.", Credit: "Illustration: campaign team"}},
}

// demoImageSize is the size the scenes are drawn at: wide enough for
// renditions up to 1280 pixels, small enough to seed quickly.
const demoImageW, demoImageH = 1280, 800

// processedImages are the demo images, drawn and processed once per
// process: a test suite seeds many databases.
var processedImages = sync.OnceValues(func() ([]media.Result, error) {
	out := make([]media.Result, len(demoImages))
	for i, d := range demoImages {
		var buf bytes.Buffer
		if err := png.Encode(&buf, drawScene(d)); err != nil {
			return nil, err
		}
		res, err := media.Process(context.Background(), buf.Bytes())
		if err != nil {
			return nil, fmt.Errorf("seed: image %s: %w", d.name, err)
		}
		out[i] = res
	}
	return out, nil
})

// drawScene draws d: a sky, two hills and d's figures standing on them.
func drawScene(d demoImage) image.Image {
	w, h := demoImageW, demoImageH
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	mix := func(a, b color.RGBA, t float64) color.RGBA {
		f := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t) }
		return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
	}
	far := mix(d.hill, d.sky[1], 0.55)
	ground := func(x int, amp, base, phase float64) int {
		return int(base - amp*math.Sin(float64(x)/float64(w)*math.Pi*1.6+phase))
	}
	for y := 0; y < h; y++ {
		sky := mix(d.sky[0], d.sky[1], float64(y)/float64(h))
		for x := 0; x < w; x++ {
			c := sky
			if y > ground(x, 60, float64(h)*0.62, 0.4) {
				c = far
			}
			if y > ground(x, 40, float64(h)*0.78, 2.2) {
				c = d.hill
			}
			m.SetRGBA(x, y, c)
		}
	}
	// The figures: a head and a rounded body each, evenly spaced.
	n := len(d.coats)
	for i, coat := range d.coats {
		cx := w * (i + 1) / (n + 1)
		base := ground(cx, 40, float64(h)*0.78, 2.2) + 30
		body := image.Rect(cx-45, base-230, cx+45, base)
		for y := body.Min.Y; y < body.Max.Y; y++ {
			for x := body.Min.X; x < body.Max.X; x++ {
				// Round the shoulders.
				dy := float64(y - body.Min.Y - 45)
				dx := math.Abs(float64(x-cx)) - 0
				if dy < 0 && dx*dx+dy*dy > 45*45 {
					continue
				}
				m.SetRGBA(x, y, coat)
			}
		}
		skin := color.RGBA{94, 60, 38, 255}
		if i%2 == 1 {
			skin = color.RGBA{160, 112, 76, 255}
		}
		hy := base - 280
		for y := hy - 40; y <= hy+40; y++ {
			for x := cx - 40; x <= cx+40; x++ {
				if (x-cx)*(x-cx)+(y-hy)*(y-hy) <= 40*40 {
					m.SetRGBA(x, y, skin)
				}
			}
		}
	}
	return m
}

// loadImages stores the demo images and shows them: lead images of posts
// and of the 2018 edition, and a figure inside the chat review's text.
func loadImages(w *writer) error {
	results, err := processedImages()
	if err != nil {
		return err
	}
	ids := make([]int64, len(results))
	for i, res := range results {
		id, err := w.tx.CreateMedia(w.ctx, res.Original, res.ContentType, res.Width, res.Height, demoImages[i].texts, res.Renditions)
		if err != nil {
			return fmt.Errorf("seed: image %s: %w", demoImages[i].name, err)
		}
		ids[i] = id
		for _, slug := range demoImages[i].leads {
			if err := w.showImage(`UPDATE blog_posts SET lead_image = $1 WHERE slug = $2`, "blog-post", slug, id); err != nil {
				return err
			}
		}
	}
	week := ids[len(ids)-1]
	if err := w.showImage(`UPDATE sswweek_editions SET lead_image = $1 WHERE year::text = $2`, "edition", "2018", week); err != nil {
		return err
	}
	// A figure in a post's text, in both languages.
	const slug = "the-twitter-chat-in-review"
	if _, err := w.db.Exec(w.ctx, `
		UPDATE blog_post_texts SET body = body || E'\n\n![](media:' || $1::bigint || E')\n'
		WHERE post_id = (SELECT id FROM blog_posts WHERE slug = $2)`, week, slug); err != nil {
		return fmt.Errorf("seed: figure in %s: %w", slug, err)
	}
	return store.SetMediaUses(w.ctx, w.db, "blog-post", slug, []int64{week})
}

// showImage runs update (image id, item key) and records the use.
func (w *writer) showImage(update, kind, key string, id int64) error {
	tag, err := w.db.Exec(w.ctx, update, id, key)
	if err != nil {
		return fmt.Errorf("seed: lead image of %s %s: %w", kind, key, err)
	}
	if tag.RowsAffected() != 1 {
		return fmt.Errorf("seed: lead image of %s %s: no such item", kind, key)
	}
	return store.SetMediaUses(w.ctx, w.db, kind, key, []int64{id})
}
