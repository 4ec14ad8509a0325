"""Runs the LiveKit Agents Tavus plugin's own API class (livekit-plugins-tavus, unmodified) against
`tavus-ten mock`: create its echo + LiveKit PAL, then a conversation in a LiveKit room the way its
AvatarSession.start does (livekit_ws_url + a room token minted with livekit-api), and one with its
stock PAL and face. The plugin takes the base URL as `api_url`.
Env: TAVUS_MOCK_URL, TAVUS_API_KEY, LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET. Prints one JSON line.
"""
import asyncio
import json
import os

import aiohttp
from livekit import api as livekit_api
from livekit.plugins.tavus.api import DEFAULT_FACE_ID, TavusAPI


async def main():
    token = (
        livekit_api.AccessToken(api_key=os.environ["LIVEKIT_API_KEY"], api_secret=os.environ["LIVEKIT_API_SECRET"])
        .with_identity("tavus-avatar-agent")
        .with_name("tavus-avatar-agent")
        .with_grants(livekit_api.VideoGrants(room_join=True, room="conformance-room"))
        .to_jwt()
    )
    properties = {"livekit_ws_url": os.environ["LIVEKIT_URL"], "livekit_room_token": token}
    async with aiohttp.ClientSession() as session:
        tavus = TavusAPI(api_key=os.environ["TAVUS_API_KEY"], api_url=os.environ["TAVUS_MOCK_URL"] + "/v2", session=session)
        pal_id = await tavus.create_pal("conformance PAL", default_face_id=DEFAULT_FACE_ID)
        conversation_id = await tavus.create_conversation(pal_id=pal_id, properties=properties)
        stock_conversation_id = await tavus.create_conversation(properties=properties)
    print(json.dumps({"pal_id": pal_id, "conversation_id": conversation_id, "stock_conversation_id": stock_conversation_id}))


asyncio.run(main())
