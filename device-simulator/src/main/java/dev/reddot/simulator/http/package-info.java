/** HTTP clients of the benchmarks: Server-Sent Events streams on the JDK's asynchronous HTTP client. */
package dev.reddot.simulator.http;
