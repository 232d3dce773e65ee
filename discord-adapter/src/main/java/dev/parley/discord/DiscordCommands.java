package dev.parley.discord;

import java.util.List;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

/**
 * The slash commands Parley registers. Registration overwrites the whole set in one request
 * ({@code PUT applications/{id}/commands}), so a restart never duplicates a command.
 */
final class DiscordCommands {
  static final String ASK = "ask";
  static final String RESET = "reset";
  static final String MODEL = "model";
  static final String TICKET = "ticket";
  /** {@code /ask}'s file option. */
  static final String ATTACHMENT = "attachment";

  private DiscordCommands() {}

  static List<CommandData> all() {
    return List.of(
        Commands.slash(ASK, "Ask Parley a question")
            .addOption(OptionType.STRING, "prompt", "What do you want to know?", true)
            .addOption(OptionType.BOOLEAN, "private", "Only you see the answer")
            .addOption(OptionType.ATTACHMENT, ATTACHMENT, "A screenshot, file or recording to ask about")
            .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM),
        Commands.slash(RESET, "Forget this conversation")
            .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM),
        Commands.slash(MODEL, "Show or switch the model of this conversation")
            .addOption(OptionType.STRING, "name", "The model to switch to", false, true)
            .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM),
        Commands.slash(TICKET, "Open a support ticket")
            .addOptions(
                new OptionData(OptionType.STRING, "title", "A short summary", true).setMaxLength(200),
                new OptionData(OptionType.STRING, "description", "What happened?", true))
            .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM));
  }
}
