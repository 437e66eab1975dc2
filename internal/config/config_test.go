package config

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantErr []string
		check   func(t *testing.T, c Config)
	}{
		{name: "defaults", check: func(t *testing.T, c Config) {
			if c.Addr != ":8080" || c.BaseURL.String() != "http://localhost:8080" || c.LogLevel != slog.LevelInfo || c.LogFormat != "text" || c.DatabaseURL != "" {
				t.Errorf("defaults: %+v base %s", c, c.BaseURL)
			}
			if c.HTTPS() {
				t.Error("HTTPS by default")
			}
			if c.FileCacheDir != filepath.Join(os.TempDir(), "advocacy-files") || c.FileCacheBytes != 1<<30 {
				t.Errorf("file cache %q, %d bytes", c.FileCacheDir, c.FileCacheBytes)
			}
		}},
		{name: "base URL follows ADDR", env: map[string]string{"ADDR": "127.0.0.1:18080"}, check: func(t *testing.T, c Config) {
			if c.BaseURL.String() != "http://127.0.0.1:18080" {
				t.Errorf("base = %s", c.BaseURL)
			}
		}},
		{name: "everything set", env: map[string]string{
			"DATABASE_URL": "postgres://u@db/site", "ADDR": ":9000", "BASE_URL": "https://example.org/",
			"LOG_LEVEL": "DEBUG", "LOG_FORMAT": "json",
		}, check: func(t *testing.T, c Config) {
			if c.BaseURL.String() != "https://example.org" || !c.HTTPS() || c.LogLevel != slog.LevelDebug || c.LogFormat != "json" {
				t.Errorf("got %+v", c)
			}
		}},
		{name: "trusted proxies", env: map[string]string{"TRUSTED_PROXIES": "10.0.0.0/8, 127.0.0.1,::1"}, check: func(t *testing.T, c Config) {
			if fmt.Sprint(c.TrustedProxies) != "[10.0.0.0/8 127.0.0.1/32 ::1/128]" {
				t.Errorf("trusted proxies %v", c.TrustedProxies)
			}
		}},
		{name: "file cache", env: map[string]string{"FILE_CACHE_DIR": "/var/cache/advocacy", "FILE_CACHE_MB": "200"}, check: func(t *testing.T, c Config) {
			if c.FileCacheDir != "/var/cache/advocacy" || c.FileCacheBytes != 200<<20 {
				t.Errorf("file cache %q, %d bytes", c.FileCacheDir, c.FileCacheBytes)
			}
		}},
		{name: "bad file cache size", env: map[string]string{"FILE_CACHE_MB": "0"}, wantErr: []string{"FILE_CACHE_MB"}},
		{name: "page cache", env: map[string]string{"PAGE_CACHE_MB": "8"}, check: func(t *testing.T, c Config) {
			if c.PageCacheBytes != 8<<20 {
				t.Errorf("page cache %d bytes", c.PageCacheBytes)
			}
		}},
		{name: "page cache off", env: map[string]string{"PAGE_CACHE_MB": "0"}, check: func(t *testing.T, c Config) {
			if c.PageCacheBytes != 0 {
				t.Errorf("page cache %d bytes", c.PageCacheBytes)
			}
		}},
		{name: "bad page cache size", env: map[string]string{"PAGE_CACHE_MB": "-1"}, wantErr: []string{"PAGE_CACHE_MB"}},
		{name: "huge page cache size", env: map[string]string{"PAGE_CACHE_MB": "99999999999999999999"}, wantErr: []string{"PAGE_CACHE_MB"}},
		{name: "bad trusted proxy", env: map[string]string{"TRUSTED_PROXIES": "10.0.0.0/8,proxy.local"}, wantErr: []string{"TRUSTED_PROXIES", "proxy.local"}},
		{name: "bad database url", env: map[string]string{"DATABASE_URL": "mysql://x"}, wantErr: []string{"DATABASE_URL"}},
		{name: "bad addr", env: map[string]string{"ADDR": "localhost"}, wantErr: []string{"ADDR"}},
		{name: "relative base", env: map[string]string{"BASE_URL": "example.org"}, wantErr: []string{"BASE_URL", "absolute"}},
		{name: "base with path", env: map[string]string{"BASE_URL": "https://example.org/site"}, wantErr: []string{"BASE_URL", "origin only"}},
		{name: "ftp base", env: map[string]string{"BASE_URL": "ftp://example.org"}, wantErr: []string{"BASE_URL", "http or https"}},
		{name: "every problem at once", env: map[string]string{"LOG_LEVEL": "loud", "LOG_FORMAT": "xml", "ADDR": "x"},
			wantErr: []string{"LOG_LEVEL", "LOG_FORMAT", "ADDR"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(func(k string) string { return tt.env[k] })
			if len(tt.wantErr) > 0 {
				if err == nil {
					t.Fatal("no error")
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}
