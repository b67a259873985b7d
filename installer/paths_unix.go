//go:build !windows

package installer

func defaultPaths() Paths {
	return Paths{
		ConfigFile: "/etc/akinsoft-connector/config.yaml",
		StateDir:   "/var/lib/akinsoft-connector",
		LogDir:     "/var/log/akinsoft-connector",
		// packaging/linux/nfpm.yaml installs them there.
		DocDir: "/usr/share/doc/akinsoft-connector",
	}
}
