/**
 * Reddot as operators run it: the services apart on an external broker, behind nginx, and in containers; every
 * process a real child process on free loopback ports.
 */
package dev.reddot.allinone.operations;
