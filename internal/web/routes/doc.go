// Package routes is the one place that says which path reaches which
// handler, in which languages, behind which middleware: every route the
// site answers is in routes.go, and the README's route table is checked
// against it.
package routes
