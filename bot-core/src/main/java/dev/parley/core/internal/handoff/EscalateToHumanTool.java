package dev.parley.core.internal.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.api.HumanHandoff.Result;
import dev.parley.core.internal.json.PooledJson;
import dev.parley.core.internal.tools.Tool;
import dev.parley.core.internal.tools.ToolContext;
import dev.parley.core.internal.tools.ToolRefusedException;
import java.util.Objects;

/**
 * {@code escalate_to_human(reason, summary)}: the model hands the thread to people when it cannot
 * help or the person asks for one. Offered only in channels with handoff configured (the engine
 * adds it there). Bounded by code: one call per answering turn; and idempotent, because the
 * {@link HandoffDesk} begins at most one handoff per thread, so a retried round or a second
 * instance pings nobody twice. The model never chooses whom to ping: that is configuration.
 */
public final class EscalateToHumanTool implements Tool {
  public static final String NAME = "escalate_to_human";
  private static final ObjectMapper JSON = PooledJson.newMapper();
  private static final JsonNode SCHEMA = parse("""
      {"type":"object",
       "properties":{
         "reason":{"type":"string","minLength":1,"maxLength":300,"description":"Why a person is needed, in one sentence"},
         "summary":{"type":"string","maxLength":2000,"description":"The problem and what was tried, for the ticket"}},
       "required":["reason"],
       "additionalProperties":false}""");

  private final HandoffDesk desk;

  public EscalateToHumanTool(HandoffDesk desk) {
    this.desk = Objects.requireNonNull(desk, "desk");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Hand this thread to the on-call support team: they are notified, a ticket with the conversation is"
        + " filed, and you stop answering here until they are done. Use it when the user asks for a person, or"
        + " when you cannot solve the problem. Tell the user that a person will follow up.";
  }

  @Override
  public JsonNode parametersSchema() {
    return SCHEMA;
  }

  @Override
  public String execute(JsonNode arguments, ToolContext context) throws ToolRefusedException {
    if (!context.turn().tryUse(NAME, 1)) {
      throw new ToolRefusedException("Already handed off in this answer. Tell the user a person will follow up.");
    }
    Result result = desk.handOff(new HandoffDesk.Request(context.conversation(), context.requesterId(),
        context.requesterName(), context.permalink(), true, arguments.path("reason").asText(null),
        arguments.path("summary").asText(null)));
    return switch (result.status()) {
      case HANDED_OFF, ALREADY_HANDED_OFF -> JSON.createObjectNode().put("handed_off", true)
          .put("message", result.notice()).toString();
      case NOT_CONFIGURED -> throw new ToolRefusedException("Handing over to a person is not set up in this channel."
          + " Offer to open a ticket instead.");
      case LIMITED, FAILED -> throw new ToolRefusedException(result.notice());
    };
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
