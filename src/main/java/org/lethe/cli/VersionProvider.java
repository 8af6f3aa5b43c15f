package org.lethe.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest (or "development" when run from classes). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = LetheCli.class.getPackage().getImplementationVersion();
        return new String[] {"Lethe " + (version == null ? "development" : version)};
    }
}
