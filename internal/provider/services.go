package provider

import "strings"

// accountServices are the services whose accounts the provider manages. Adding one is a description in a
// service_<name>.go file and a line here.
var accountServices = []*accountService{klingService, runwayService, pixverseService, dreaminaService, museService, aceMusicService,
	flowMusicService, miniMaxService, googleFlowService, murekaService, geminiNotebookService, googleVidsService}

// serviceTitles names the services for a description, such as "Kling, Runway and Muse".
func serviceTitles() string {
	titles := make([]string, len(accountServices))
	for i, s := range accountServices {
		titles[i] = s.title
	}
	return joinAnd(titles, " and ")
}

// joinAnd joins items as a sentence does: "a, b and c" (or "a, b or c", with last " or ").
func joinAnd(items []string, last string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + last + items[len(items)-1]
}
