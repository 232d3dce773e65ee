package dev.parley.core.internal.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.api.NewTicket;
import dev.parley.core.api.Ticket;
import dev.parley.core.internal.json.PooledJson;
import dev.parley.core.internal.tools.Tool;
import dev.parley.core.internal.tools.ToolContext;
import dev.parley.core.internal.tools.ToolRefusedException;
import java.util.Objects;

/**
 * {@code create_ticket(title, description, priority)}: opens a support ticket for the person who
 * asked, in the conversation's tenant, linked to the conversation. Keyed by the conversation, the
 * event and the tool call id together, so a retried round or a duplicate event never opens a
 * second ticket, while two conversations whose models both say {@code call_0} get one each.
 *
 * <p>Bounded by code, whatever the model asks for: at most {@code maxPerTurn} tickets per
 * answering turn (parallel calls of one round included) and the user's {@link TicketQuota daily
 * cap}. A call past either gets a tool error the model can explain.
 *
 * <p><b>One open ticket per thread.</b> Before anything is counted or filed, it asks
 * {@link TicketViews#openFromThread} for an open ticket already made from the same thread; if there
 * is one, nothing is opened and the answer offers that ticket, so a thread summoned twice does not
 * file twice. {@code even_if_open: true} files anyway, for when the user, told of it, wants a
 * separate ticket. A tracker that fails reaches the model as a tool error naming the tracker's
 * reason and when to try again.
 */
public final class CreateTicketTool implements Tool {
  public static final String NAME = "create_ticket";
  public static final int DEFAULT_MAX_PER_TURN = 3;
  private static final ObjectMapper JSON = PooledJson.newMapper();
  private static final JsonNode SCHEMA = parse("""
      {"type":"object",
       "properties":{
         "title":{"type":"string","minLength":1,"maxLength":200,"description":"One line that names the problem"},
         "description":{"type":"string","minLength":1,"maxLength":8000,"description":"A summary of the thread so far: what happened, what the user needs, and what was tried. A link to the whole thread is added for you."},
         "priority":{"type":"string","enum":["low","normal","high","urgent"]},
         "even_if_open":{"type":"boolean","description":"Only true when the user, told of the open ticket from this thread, wants a separate one"}},
       "required":["title","description"],
       "additionalProperties":false}""");

  private final TicketStore store;
  private final TicketQuota quota;
  private final int maxPerTurn;
  private final TicketViews views;

  /** A tool with the default per-turn cap and no daily cap. */
  public CreateTicketTool(TicketStore store) {
    this(store, TicketQuota.UNLIMITED, DEFAULT_MAX_PER_TURN);
  }

  /** @param maxPerTurn tickets one answering turn may open, at least 1 */
  public CreateTicketTool(TicketStore store, TicketQuota quota, int maxPerTurn) {
    this(store, quota, maxPerTurn, store instanceof TicketViews views ? views : TicketViews.recorded(store));
  }

  /** @param views where an open ticket from the same thread is looked for */
  public CreateTicketTool(TicketStore store, TicketQuota quota, int maxPerTurn, TicketViews views) {
    if (maxPerTurn < 1) throw new IllegalArgumentException("maxPerTurn must be at least 1");
    this.store = Objects.requireNonNull(store, "store");
    this.quota = Objects.requireNonNull(quota, "quota");
    this.maxPerTurn = maxPerTurn;
    this.views = Objects.requireNonNull(views, "views");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Open a support ticket for a human to follow up. Use it when the user asks for a person,"
        + " or when you cannot solve the problem. Returns the ticket id and link to tell the user. If this"
        + " thread already has an open ticket, nothing is opened and that ticket is returned to offer instead.";
  }

  @Override
  public JsonNode parametersSchema() {
    return SCHEMA;
  }

  @Override
  public String execute(JsonNode arguments, ToolContext context) throws ToolRefusedException {
    NewTicket request;
    try {
      request = new NewTicket(
          arguments.path("title").asText(),
          arguments.path("description").asText(),
          arguments.hasNonNull("priority") ? arguments.get("priority").asText() : null,
          context.requesterId(),
          context.requesterName(),
          context.conversation(),
          context.permalink());
    } catch (IllegalArgumentException e) {
      // Arguments the schema lets through but a ticket does not take, such as a blank description.
      throw new ToolRefusedException("Not opened: " + e.getMessage() + ".");
    }
    if (!arguments.path("even_if_open").asBoolean(false)) {
      var open = views.openFromThread(context.conversation(), context.idempotencyKey());
      if (open.isPresent()) return offer(open.get()).toString();
    }
    if (!context.turn().tryUse(NAME, maxPerTurn)) {
      throw new ToolRefusedException("Not opened: at most " + maxPerTurn + " tickets can be opened per message."
          + " Tell the user which tickets were opened and that they can ask again for the rest.");
    }
    if (!quota.tryTake(context.conversation().tenantScope(), context.requesterId())) {
      throw new ToolRefusedException("Not opened: " + TicketQuota.overCapNotice(quota.dailyCap()));
    }
    Ticket ticket;
    try {
      ticket = store.create(request, context.idempotencyKey());
    } catch (TicketBackendException e) {
      throw new ToolRefusedException("Not opened: " + e.notice());
    }
    return TicketJson.summary(ticket).toString();
  }

  private static ObjectNode offer(TicketView open) {
    var answer = JSON.createObjectNode().put("opened", false);
    answer.set("open_ticket_from_this_thread", TicketJson.view(open));
    return answer.put("note", "This thread already has an open ticket, so no new one was opened. Offer this ticket"
        + " to the user; call again with even_if_open true only if they want a separate ticket.");
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
