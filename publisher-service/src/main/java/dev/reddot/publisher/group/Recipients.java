package dev.reddot.publisher.group;

/** Answer to a group notification or a broadcast: how many users were notified. */
record Recipients(int recipients) {
}
