package public

import (
	"testing"

	"github.com/sswalliance/advocacy/internal/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }
