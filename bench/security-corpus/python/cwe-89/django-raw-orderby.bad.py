from django.shortcuts import render

from .models import Article


def article_list(request):
    order = request.POST.get("order", "published_at")
    direction = "DESC" if request.POST.get("desc") else "ASC"
    articles = Article.objects.raw(f"SELECT * FROM blog_article ORDER BY {order} {direction}")
    return render(request, "blog/list.html", {"articles": list(articles)})
