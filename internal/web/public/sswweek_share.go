package public

import (
	"net/http"
	"strconv"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/share"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// sharePosts are the ready-to-post messages of field (one per line, in
// lang), each shared with the link to page (an absolute address).
func sharePosts(field, lang, page, subject string) []public.SharePost {
	msgs := share.Messages(field)
	posts := make([]public.SharePost, len(msgs))
	for i, msg := range msgs {
		posts[i] = sharePost(msg, lang, page, subject)
	}
	return posts
}

// sharePost is msg (in lang) as supporters post it: with the link to page
// when it has none, and the links that share it on each network.
func sharePost(msg, lang, page, subject string) public.SharePost {
	p := public.SharePost{Text: share.Post(msg, page), Lang: lang}
	for _, n := range share.Networks(msg, page, subject) {
		p.Networks = append(p.Networks, public.ShareLink{Name: n.Name, URL: n.URL})
	}
	return p
}

// absolute is the address of path (English) in l on this site.
func (a *Handlers) absolute(l i18n.Lang, path string) string {
	return a.cfg.BaseURL.String() + l.Path(path)
}

// editionCards are the share images of an edition, or of its day n (n > 0).
func editionCards(l i18n.Lang, year, n int, title string) public.ShareCards {
	base := "/sswweek/" + strconv.Itoa(year)
	file := "sswweek-" + strconv.Itoa(year)
	if n > 0 {
		base += "/day-" + strconv.Itoa(n)
		file += "-day-" + strconv.Itoa(n)
	}
	if l != i18n.EN {
		file += "-" + string(l)
	}
	return public.ShareCards{Wide: base + "/card.png", Square: base + "/card-square.png", File: file,
		Alt: l.F("share.card.alt", "{title}", title)}
}

// SSWWeekShareKit serves an edition's share kit: for the week and for each
// day, the messages staff wrote to post, the share images, the hashtag and
// the chat questions, each ready to copy.
func (a *Handlers) SSWWeekShareKit(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), web.Lang(r)
	year, err := editionYear(r)
	if err != nil {
		return err
	}
	e, err := a.store.Edition(ctx, year, l)
	if err != nil {
		return err
	}
	days, err := a.store.EditionDays(ctx, year, l)
	if err != nil {
		return err
	}
	events, err := a.store.EditionEvents(ctx, year, l)
	if err != nil {
		return err
	}
	y := strconv.Itoa(year)
	page := a.absolute(l, "/sswweek/"+y)
	subject := "SSWWeek " + y + ": " + e.Theme
	v := public.ShareKitView{Edition: e, Posts: sharePosts(e.Share, e.Lang, page, subject),
		Cards: editionCards(l, year, 0, "SSWWeek "+y+": "+e.Theme)}
	langs := []string{e.Lang}
	byNumber := make(map[int]int, len(days))
	for i, d := range days {
		byNumber[d.Number] = i
		dayPage := page + "#day-" + strconv.Itoa(d.Number)
		v.Days = append(v.Days, public.ShareKitDay{EditionDay: d,
			Posts: sharePosts(d.Share, d.Lang, dayPage, subject),
			Cards: editionCards(l, year, d.Number, d.Topic)})
		langs = append(langs, d.Lang)
	}
	m := a.Meta(r, l.F("share.kit.title", "{year}", y), l.F("share.kit.description", "{year}", y))
	for _, ev := range events {
		i, ok := byNumber[ev.DayNumber]
		if !ok || len(ev.Questions) == 0 {
			continue
		}
		v.Days[i].Chats = append(v.Days[i].Chats, shareChat(m.Lang, ev, e))
		langs = append(langs, ev.Lang)
	}
	v.FallbackNote = web.FallbackNote(l, langs...)
	m.Copy = true
	m.Image = cardImage(l, v.Cards.Wide, editionCard(l, e, a.cfg.BaseURL.Host))
	return a.Render(w, r, http.StatusOK, public.SSWWeekShareKit(m, v))
}

// shareChat is a chat's questions as they are posted: numbered, with the
// hashtag its answers carry.
func shareChat(l i18n.Lang, ev store.EditionEvent, e store.Edition) public.ShareChat {
	hashtag := public.ChatHashtag(ev, e)
	c := public.ShareChat{Title: ev.Title, Lang: ev.Lang}
	for _, q := range ev.Questions {
		c.Questions = append(c.Questions, public.ShareQuestion{Number: q.Number, Lang: q.Lang, Text: q.Question,
			Post: public.ChatQuestionPost(l, q.Number, q.Question, hashtag)})
	}
	return c
}
