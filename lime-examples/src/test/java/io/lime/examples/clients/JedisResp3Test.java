package io.lime.examples.clients;

import redis.clients.jedis.RedisProtocol;

/** {@link JedisSuite} over RESP3 (HELLO 3 at connect). */
class JedisResp3Test extends JedisSuite {
  @Override
  RedisProtocol protocol() {
    return RedisProtocol.RESP3;
  }
}
