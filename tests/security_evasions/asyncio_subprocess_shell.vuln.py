import asyncio


async def run_tool(arg):
    proc = await asyncio.create_subprocess_shell("echo " + arg)
    return await proc.wait()
