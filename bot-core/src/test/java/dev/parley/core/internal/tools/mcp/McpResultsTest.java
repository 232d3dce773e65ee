package dev.parley.core.internal.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.internal.tools.ToolRefusedException;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpResultsTest {

  @Test
  void textPartsAreJoinedAndBinaryPartsBecomePlaceholders() throws Exception {
    McpSchema.CallToolResult result = McpSchema.CallToolResult.builder()
        .addTextContent("first")
        .addContent(new McpSchema.ImageContent(null, "iVBORw0KGgo=", "image/png", null))
        .addContent(new McpSchema.EmbeddedResource(null,
            new McpSchema.TextResourceContents("wiki://page/1", "text/plain", "page text", null), null))
        .addContent(new McpSchema.EmbeddedResource(null,
            new McpSchema.BlobResourceContents("wiki://file/2", "application/pdf", "JVBERi0=", null), null))
        .build();

    assertThat(McpResults.text("wiki__read", result, 1024)).isEqualTo("""
        first
        [image (image/png) not shown]
        [resource wiki://page/1]
        page text
        [resource wiki://file/2 (application/pdf) not shown]""");
  }

  @Test
  void onlyStructuredContentIsGivenAsItsJson() throws Exception {
    McpSchema.CallToolResult result = McpSchema.CallToolResult.builder().content(List.of())
        .structuredContent(Map.of("temperature", 21)).build();

    assertThat(McpResults.text("weather__now", result, 1024)).isEqualTo("{\"temperature\":21}");
  }

  @Test
  void theCapCountsUtf8BytesNotCharacters() throws Exception {
    McpSchema.CallToolResult result = McpSchema.CallToolResult.builder().addTextContent("ü".repeat(6)).build();

    assertThat(McpResults.text("t__t", result, 12)).hasSize(6);
    assertThatThrownBy(() -> McpResults.text("t__t", result, 11)).isInstanceOf(ToolRefusedException.class)
        .hasMessageContaining("returned 12 bytes, more than the 11 bytes");
  }

  @Test
  void anErrorResultIsRefusedWithItsTextShortened() {
    McpSchema.CallToolResult result = McpSchema.CallToolResult.builder().addTextContent("e".repeat(5_000))
        .isError(true).build();

    assertThatThrownBy(() -> McpResults.text("t__t", result, 100_000)).isInstanceOf(ToolRefusedException.class)
        .hasMessageStartingWith("The tool 't__t' reported an error: eee")
        .message().hasSizeLessThan(McpResults.MAX_ERROR_CHARS + 100);
  }
}
