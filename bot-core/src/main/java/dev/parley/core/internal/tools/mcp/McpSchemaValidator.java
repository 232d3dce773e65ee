package dev.parley.core.internal.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.parley.core.internal.json.PooledJson;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SDK's hook for checking structured tool output against a tool's output schema, on the
 * json-schema-validator Parley already uses for tool arguments. The SDK's Jackson 2 module ships
 * a validator built on json-schema-validator 2.x, whose API differs from the 1.5 line here, so
 * that one is left out of the build (see the parent pom) and this one is handed to every client.
 */
final class McpSchemaValidator implements JsonSchemaValidator {
  static final McpSchemaValidator INSTANCE = new McpSchemaValidator();
  private static final ObjectMapper JSON = PooledJson.newMapper();
  private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    try {
      JsonNode content = JSON.valueToTree(structuredContent);
      Set<ValidationMessage> problems = SCHEMAS.getSchema(JSON.valueToTree(schema)).validate(content);
      if (!problems.isEmpty()) {
        return ValidationResponse.asInvalid(problems.stream().map(Object::toString).sorted()
            .collect(Collectors.joining("; ")));
      }
      return ValidationResponse.asValid(JSON.writeValueAsString(content));
    } catch (Exception e) {
      return ValidationResponse.asInvalid("the output schema cannot be used: " + e.getMessage());
    }
  }
}
