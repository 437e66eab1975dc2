package public

import (
	"net/http"

	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// HomeUpcoming is how many coming dates the hub lists.
const HomeUpcoming = 4

func (a *Handlers) Home(w http.ResponseWriter, r *http.Request) error {
	ctx, l := r.Context(), web.Lang(r)
	p, err := a.store.Page(ctx, "home", l)
	if err != nil {
		return err
	}
	v := public.HomeView{Page: p}
	today := a.calendarToday()
	entries, err := a.calendarEntries(ctx, l, today, today.AddDate(1, 0, 0))
	if err != nil {
		return err
	}
	v.Upcoming = entries[:min(len(entries), HomeUpcoming)]
	editions, err := a.store.Editions(ctx, l)
	if err != nil {
		return err
	}
	if len(editions) > 0 {
		v.Latest = editions[0] // newest first
	}
	m, err := a.WithLead(r.Context(), a.Meta(r, p.Title, p.Description), p.LeadImage)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, public.Home(m, v))
}
