package io.lime.examples.clients;

import io.lettuce.core.protocol.ProtocolVersion;

/** {@link LettuceSuite} over RESP3 (Lettuce's default: HELLO 3 at connect). */
class LettuceResp3Test extends LettuceSuite {
  @Override
  ProtocolVersion protocol() {
    return ProtocolVersion.RESP3;
  }
}
