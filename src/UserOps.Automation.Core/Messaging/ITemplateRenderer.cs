namespace UserOps.Automation.Core.Messaging;

/// <summary>Renders a template version for one contact. Parsing is cached per version; rendering is CPU only.</summary>
public interface ITemplateRenderer
{
    /// <summary>Renders <paramref name="template"/>; the result's type follows the template's channel.</summary>
    RenderedMessage Render(TemplateVersion template, MessageContext context);
}
