package io.lime.examples.clients;

import io.lettuce.core.protocol.ProtocolVersion;

/** {@link LettuceSuite} over RESP2. */
class LettuceResp2Test extends LettuceSuite {
  @Override
  ProtocolVersion protocol() {
    return ProtocolVersion.RESP2;
  }
}
