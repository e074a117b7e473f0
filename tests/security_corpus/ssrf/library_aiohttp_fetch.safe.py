import aiohttp

REGISTRY = "https://registry.example.com"


async def fetch_manifest(image: str, registry: str = REGISTRY) -> dict:
    url = f"{REGISTRY}/v2/{image.strip('/')}/manifests/latest"
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:
            return await resp.json()
