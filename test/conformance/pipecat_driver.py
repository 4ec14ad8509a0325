"""Runs pipecat's own Tavus code (pipecat-ai, unmodified) against `tavus-ten mock`.

What a pipecat bot does with Tavus: create a conversation with pipecat's default persona, read the
persona's name (on every participant join), end the conversation. pipecat has no base URL option:
its TavusApi.BASE_URL class attribute is the one knob, set here to the emulator.
Env: TAVUS_MOCK_URL (the emulator, no /v2), TAVUS_API_KEY, TAVUS_REPLICA_ID. Prints one JSON line.
"""
import asyncio
import inspect
import json
import os

import aiohttp
from pipecat.transports.tavus.transport import TavusApi, TavusCallbacks, TavusTransportClient


async def ignore(*_args):
    return None


async def main():
    TavusApi.BASE_URL = os.environ["TAVUS_MOCK_URL"] + "/v2"
    api_key = os.environ["TAVUS_API_KEY"]
    replica_id = os.environ["TAVUS_REPLICA_ID"]
    default_persona = inspect.signature(TavusTransportClient).parameters["persona_id"].default
    async with aiohttp.ClientSession() as session:
        # The transport client as pipecat builds it, with its default persona.
        client = TavusTransportClient(
            bot_name="conformance",
            callbacks=TavusCallbacks(on_joined=ignore, on_participant_joined=ignore, on_participant_left=ignore),
            api_key=api_key,
            replica_id=replica_id,
            session=session,
        )
        api = TavusApi(api_key, session)
        conversation = await api.create_conversation(replica_id, default_persona)
        persona_name = await client.get_persona_name()
        await api.end_conversation(conversation["conversation_id"])
    print(json.dumps({
        "default_persona": default_persona,
        "conversation_id": conversation["conversation_id"],
        "conversation_url": conversation["conversation_url"],
        "persona_name": persona_name,
    }))


asyncio.run(main())
