// Package cluster is how the site runs as two instances behind nginx: the
// nginx configuration that `make cluster` (cmd/cluster) starts and the
// two-instance test (internal/app) runs, the same one for both.
package cluster

import "fmt"

// NginxConf is nginx on listen in front of the instances a and b, round
// robin, with its pid file and temporary folders in dir. The visitor's
// Host is passed on (the instances' cross-origin check compares Origin
// with it) and their address added to X-Forwarded-For, which the
// instances believe from 127.0.0.1 (TRUSTED_PROXIES), so sign-in
// throttling and form limits count visitors, not nginx. A POST is never
// sent to the other instance after a failure (nginx's default for
// requests that are not idempotent).
func NginxConf(dir, listen, a, b string) []byte {
	return fmt.Appendf(nil, `daemon off;
worker_processes auto;
pid %[1]s/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path %[1]s/body;
	proxy_temp_path %[1]s/proxy;
	fastcgi_temp_path %[1]s/fastcgi;
	uwsgi_temp_path %[1]s/uwsgi;
	scgi_temp_path %[1]s/scgi;
	# The site bounds its own forms and uploads; this only has to let
	# them through.
	client_max_body_size 120m;
	upstream advocacy {
		server %[3]s;
		server %[4]s;
		keepalive 32;
	}
	server {
		listen %[2]s;
		location / {
			proxy_pass http://advocacy;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host $http_host;
			proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
			proxy_set_header X-Forwarded-Proto $scheme;
		}
	}
}
`, dir, listen, a, b)
}
