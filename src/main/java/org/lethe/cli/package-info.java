/**
 * The command line ({@code java -jar lethe.jar COMMAND}): thin picocli commands that parse options,
 * call the same engine services as the GUI and print text or JSON. The only package that writes to
 * the standard streams.
 */
package org.lethe.cli;
