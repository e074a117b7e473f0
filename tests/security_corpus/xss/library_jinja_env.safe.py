from jinja2 import Environment, select_autoescape

env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
CARD = env.from_string("<div class='card'><h2>{{ title }}</h2><p>{{ body }}</p></div>")


def render_card(title: str, body: str) -> str:
    return CARD.render(title=title, body=body)


if __name__ == "__main__":
    print(render_card("Hi", "there"))
