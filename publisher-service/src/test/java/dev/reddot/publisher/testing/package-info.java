/**
 * Test support: the publisher on a real broker and a real database (H2 or a throwaway PostgreSQL), over HTTP.
 */
package dev.reddot.publisher.testing;
