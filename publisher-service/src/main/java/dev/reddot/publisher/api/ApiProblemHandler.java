package dev.reddot.publisher.api;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.reddot.protocol.InvalidIdException;
import dev.reddot.publisher.notification.NotificationNotFoundException;
import dev.reddot.publisher.unread.CountChange;

/**
 * Turns every refusal of the publisher API into RFC 9457 problem details. Spring's own errors (unreadable
 * JSON, failed validation, parameters of the wrong type, unknown paths) are handled by the base class.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);
    private static final int LISTED_IN_DETAIL = 5;

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle("Invalid request body");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> result.getMethodParameter().getParameterName() + " " + error.getDefaultMessage()))
                .sorted()
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle("Invalid request parameter");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Optional<List<JacksonException.Reference>> path = pathOf(e);
        String at = path.map(references -> " (at " + location(references) + ")").orElse("");
        ProblemDetail problem;
        if (isBulk(request)) {
            problem = ProblemDetail.forStatusAndDetail(status, "The body must be a JSON object such as "
                    + "{\"changes\":[{\"userId\":\"alice\",\"count\":3},{\"userId\":\"bob\",\"increment\":-1}],"
                    + "\"qos\":1,\"retain\":true}: text for userId, whole numbers for count, increment and qos, a"
                    + " boolean for retain" + at + "; nothing was applied");
            path.flatMap(ApiProblemHandler::badChange)
                    .ifPresent(error -> problem.setProperty("errors", List.of(error)));
        } else {
            problem = ProblemDetail.forStatusAndDetail(status, "The body must be a JSON object of the documented shape,"
                    + " such as {\"count\":3,\"qos\":1,\"retain\":true} or {\"title\":\"Hello\"}: whole numbers for"
                    + " count and qos, a boolean for retain, text for title, body, category and owner" + at);
        }
        problem.setTitle("Unreadable request body");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @ExceptionHandler(InvalidChangesException.class)
    ProblemDetail invalidChanges(InvalidChangesException e) {
        List<ChangeError> errors = e.errors();
        String listed = errors.stream().limit(LISTED_IN_DETAIL)
                .map(error -> error.location() + " " + error.reason())
                .collect(Collectors.joining("; "));
        String more = errors.size() > LISTED_IN_DETAIL ? " (and " + (errors.size() - LISTED_IN_DETAIL) + " more)" : "";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Nothing was applied: " + listed + more);
        problem.setTitle("Invalid count changes");
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Still deadlocked after the retries of {@code GroupCommit}: nothing changed, and the client may try again. */
    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> collided(PessimisticLockingFailureException e) {
        log.warn("A count change collided with concurrent changes of the same users and was not made: {}",
                e.getMostSpecificCause().getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The change collided with concurrent changes of the same users and was not made; send it again.");
        problem.setTitle("Busy");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler(TooManyChangesException.class)
    ProblemDetail tooManyChanges(TooManyChangesException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setTitle("Too many changes");
        return problem;
    }

    private static boolean isBulk(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                && BulkCountController.PATH.equals(servlet.getRequest().getRequestURI());
    }

    /** Where in the body Jackson gave up, if it says. */
    private static Optional<List<JacksonException.Reference>> pathOf(HttpMessageNotReadableException e) {
        return e.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()
                ? Optional.of(jackson.getPath()) : Optional.empty();
    }

    /** {@code changes[2].count} */
    private static String location(List<JacksonException.Reference> path) {
        StringBuilder location = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                location.append(location.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else {
                location.append('[').append(reference.getIndex()).append(']');
            }
        }
        return location.toString();
    }

    /** The change a bulk body could not be read at, such as {@code changes[2].count}. */
    private static Optional<ChangeError> badChange(List<JacksonException.Reference> path) {
        if (path.size() < 2 || !"changes".equals(path.get(0).getPropertyName()) || path.get(1).getIndex() < 0) {
            return Optional.empty();
        }
        String field = path.size() > 2 ? path.get(2).getPropertyName() : null;
        String reason = switch (field == null ? "" : field) {
            case "" -> "must be an object";
            case "userId" -> "must be text";
            case "count" -> "must be a whole number from 0 to " + CountChange.MAX_COUNT;
            case "increment" ->
                    "must be a whole number from -" + CountChange.MAX_COUNT + " to " + CountChange.MAX_COUNT;
            default -> "is not of the right type";
        };
        return Optional.of(new ChangeError(path.get(1).getIndex(), field, reason));
    }

    @ExceptionHandler(InvalidIdException.class)
    ProblemDetail invalidId(InvalidIdException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid id");
        return problem;
    }

    @ExceptionHandler(NotificationNotFoundException.class)
    ProblemDetail notificationNotFound(NotificationNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("No such notification");
        return problem;
    }
}
