/** The page a static host serves for unknown paths (GitHub Pages: 404.html at the site root). */
export function notFoundMain(): string {
  return `<section class="hero">
<h1>Page not found</h1>
<p class="lead">There is no page at this address. It may have been renamed when the course was rebuilt.</p>
<p><a class="button" href="index.html">Go to the course overview</a></p>
</section>`;
}
