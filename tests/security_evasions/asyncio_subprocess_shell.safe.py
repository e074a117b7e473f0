import asyncio


async def run_tool(arg):
    proc = await asyncio.create_subprocess_exec("echo", arg)
    return await proc.wait()
