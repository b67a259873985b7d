//go:build !phone

package main

func checkPhone() string { return "no phone library" }
