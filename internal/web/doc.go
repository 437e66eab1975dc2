// Package web holds the HTTP pieces every handler shares, and nothing
// that belongs to one audience: Site (the configuration, log, database,
// clock, staff sessions, outage tracker and form signer every handler
// uses) and its helpers; Handle, which turns a handler's error into the
// 404, 400, 503 or 500 page; Render, which renders into a buffer before a
// byte is sent; Meta (with the layout's footer and banner slots) and the
// error pages; the middleware; the staff sessions (RequireStaff,
// RequireAdmin, Frame, Flash, Audit); the guard every public form passes
// (honeypot, stamp, fill time, limits per address); the signatory form
// and the upload reader the public and staff forms share; the bounds of
// the numbers read from requests; the outage log; and Serve.
//
// The pages themselves are in public (visitors), admin (staff) and
// admin/editor (content); which path reaches which handler, behind which
// middleware, is in routes.
package web
