package public

import "testing"

func TestFileContentDisposition(t *testing.T) {
	for name, want := range map[string]string{
		"report.pdf":    `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
		"informe ñ.pdf": `attachment; filename="informe __.pdf"; filename*=UTF-8''informe%20%C3%B1.pdf`,
		`a"b\c.pdf`:     `attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`,
	} {
		if got := fileContentDisposition(name); got != want {
			t.Errorf("fileContentDisposition(%q) = %q, want %q", name, got, want)
		}
	}
}
