package dev.reddot.broker;

import java.lang.reflect.Field;
import java.util.function.Function;

/**
 * Private fields of a started Moquette server that Reddot reads or replaces: Moquette creates its stores itself,
 * without Reddot's settings, and offers no other way to them. The broker's start fails, naming what Reddot then
 * cannot do, when a Moquette release moves one.
 */
final class MoquetteFields {

    /** What Reddot needs the fields for, for the error, e.g. "limit the sessions' queues (SessionQueues)". */
    private final String purpose;

    MoquetteFields(String purpose) {
        this.purpose = purpose;
    }

    Object read(Object owner, Class<?> type, String name) {
        try {
            return field(type, name).get(owner);
        } catch (IllegalAccessException e) {
            throw gone(type, name, e);
        }
    }

    /** Puts {@code wrap} of the field's value in its place (Moquette's final fields included); answers the value. */
    <T> T replace(Object owner, Class<?> type, String name, Class<T> valueType, Function<T, ? extends T> wrap) {
        Field field = field(type, name);
        try {
            T value = valueType.cast(field.get(owner));
            field.set(owner, wrap.apply(value));
            return value;
        } catch (IllegalAccessException | ClassCastException e) {
            throw gone(type, name, e);
        }
    }

    private Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw gone(type, name, e);
        }
    }

    private IllegalStateException gone(Class<?> type, String name, Exception cause) {
        return new IllegalStateException("Moquette's " + type.getName() + "." + name + " is gone: Reddot cannot "
                + purpose, cause);
    }
}
