package customs.risk.cases.requests;

/**
 * Something about a request that its people are told by e-mail: the traders of the company when
 * customs asks, follows up or reminds; the officer who asked when the trader answers or the
 * deadline passes.
 */
public sealed interface RequestNotice {

    InformationRequest request();

    /** Customs asked. */
    record Asked(InformationRequest request) implements RequestNotice {}

    /** A message was posted, by the trader or by customs. */
    record Posted(InformationRequest request, InformationRequest.Message message) implements RequestNotice {}

    /** The deadline is near and the trader has not answered. */
    record Reminder(InformationRequest request) implements RequestNotice {}

    /** The deadline passed without an answer. */
    record Overdue(InformationRequest request) implements RequestNotice {}
}
